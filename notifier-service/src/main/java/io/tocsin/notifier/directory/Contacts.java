package io.tocsin.notifier.directory;

import io.tocsin.contracts.Channel;
import io.tocsin.contracts.ContactMethodUpdated;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The contact methods routing announces on the compacted tocsin.contact-methods.v1, kept locally so that an answer
 * (an SMS from a number, a click by a Slack member) can be tied to the user who sent it without asking routing.
 */
@Repository
public class Contacts {

    private final JdbcClient jdbc;

    Contacts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void update(ContactMethodUpdated update) {
        jdbc.sql("""
                        insert into contact_method (id, user_id, user_name, channel, address, removed, updated_at)
                        values (:id, :user, :name, :channel, :address, :removed, :at)
                        on conflict (id) do update set
                            user_id = excluded.user_id, user_name = excluded.user_name, channel = excluded.channel,
                            address = excluded.address, removed = excluded.removed, updated_at = excluded.updated_at
                        where contact_method.updated_at <= excluded.updated_at
                        """)
                .param("id", update.contactMethodId())
                .param("user", update.userId())
                .param("name", update.userName())
                .param("channel", update.channel().name())
                .param("address", update.address())
                .param("removed", update.removed())
                .param("at", OffsetDateTime.ofInstant(update.at(), ZoneOffset.UTC))
                .update();
    }

    /**
     * Learns users' contact methods from a poll's new pages to them, as a part ({@code with contacts as (...)}) of the
     * one statement storing the pages, over its relation {@code page} (one row per new page, {@code ord} its place in
     * the poll), in case a page overtook routing's announcement (the two topics are not ordered with each other):
     * whoever was paged can answer at once. Any announcement wins over what a page taught (learned at the epoch), and
     * a method known to be removed stays removed. In id order, the lock order of every batch here.
     */
    public static final String LEARNED_FROM_PAGES = """
            insert into contact_method (id, user_id, user_name, channel, address, removed, updated_at)
            select distinct on (contact_method_id) contact_method_id, user_id, user_name, channel, address, false,
                   timestamptz 'epoch'
            from page where is_page and contact_method_id is not null and user_id is not null
            order by contact_method_id, ord
            on conflict (id) do nothing
            """;

    /** The contact method with this id, unless it was removed: e.g. the one a call or an email went to. */
    public Optional<Contact> find(UUID contactMethodId) {
        return jdbc.sql("select id, user_id, user_name, channel, address from contact_method where id = :id and not removed")
                .param("id", contactMethodId)
                .query(Contact.class)
                .optional();
    }

    /**
     * The user behind an address of a channel. Two users sharing one (a team phone) are rare; the one known longest
     * answers for it.
     */
    public Optional<Contact> find(Channel channel, String address) {
        return jdbc.sql("""
                        select id, user_id, user_name, channel, address from contact_method
                        where channel = :channel and address = :address and not removed
                        order by updated_at, id limit 1
                        """)
                .param("channel", channel.name())
                .param("address", address)
                .query(Contact.class)
                .optional();
    }
}
