package io.tocsin.notifier.directory;

import io.tocsin.contracts.Channel;
import io.tocsin.contracts.ContactMethodUpdated;
import io.tocsin.contracts.NotificationRequested;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The contact methods routing announces on the compacted tocsin.contact-methods.v1, kept locally so that an answer
 * (an SMS from a number, a click by a Slack member) can be tied to the user who sent it without asking routing.
 */
@Repository
public class Contacts {

    private final JdbcClient jdbc;
    private final NamedParameterJdbcOperations batch;

    Contacts(JdbcClient jdbc, NamedParameterJdbcOperations batch) {
        this.jdbc = jdbc;
        this.batch = batch;
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
     * Learns users' contact methods from a poll's pages to them, one JDBC batch, in case a page overtook routing's
     * announcement (the two topics are not ordered with each other): whoever was paged can answer at once. Any
     * announcement wins over what a page taught, and a method known to be removed stays removed.
     */
    public void paged(List<NotificationRequested> pages) {
        // in id order, the lock order of every batch here
        Map<UUID, NotificationRequested> byMethod = new TreeMap<>();
        pages.stream().filter(page -> page.contactMethodId() != null && page.userId() != null)
                .forEach(page -> byMethod.putIfAbsent(page.contactMethodId(), page));
        if (byMethod.isEmpty()) {
            return;
        }
        batch.batchUpdate("""
                        insert into contact_method (id, user_id, user_name, channel, address, removed, updated_at)
                        values (:id, :user, :name, :channel, :address, false, :learned)
                        on conflict (id) do nothing
                        """, byMethod.values().stream().map(page -> new MapSqlParameterSource()
                        .addValue("id", page.contactMethodId())
                        .addValue("user", page.userId())
                        .addValue("name", page.userName())
                        .addValue("channel", page.channel().name())
                        .addValue("address", page.address())
                        .addValue("learned", OffsetDateTime.ofInstant(Instant.EPOCH, ZoneOffset.UTC)))
                .toArray(SqlParameterSource[]::new));
    }

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
