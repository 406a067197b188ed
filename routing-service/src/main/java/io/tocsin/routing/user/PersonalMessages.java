package io.tocsin.routing.user;

import io.tocsin.contracts.Channel;
import io.tocsin.contracts.DeliveryReported;
import io.tocsin.contracts.NotificationRequested;
import io.tocsin.contracts.NotificationRequested.Purpose;
import io.tocsin.routing.SqlTime;
import io.tocsin.routing.outbox.Outbox;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Messages to a person about their own setup, about no incident: asked of the notifier through the outbox (keyed by
 * the contact method, or the user for an invitation), recorded with what the notifier reports of them. Codes and test
 * pages to one contact method are limited to one a minute and five an hour, so that nobody is flooded through Tocsin.
 */
@Repository
public class PersonalMessages {

    private static final Logger log = LoggerFactory.getLogger(PersonalMessages.class);
    static final Duration SHORT_WINDOW = Duration.ofMinutes(1);
    static final Duration LONG_WINDOW = Duration.ofHours(1);
    static final int PER_LONG_WINDOW = 5;

    private final JdbcClient jdbc;
    private final Outbox outbox;
    private final Clock clock;

    PersonalMessages(JdbcClient jdbc, Outbox outbox, Clock clock) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Refuses (429 with Retry-After) a code or test page to the method sooner than its limits allow. */
    void checkLimit(ContactMethod method, Instant now) {
        List<Instant> sent = jdbc.sql("""
                        select requested_at from personal_message
                        where contact_method_id = :method and purpose in ('TEST', 'VERIFICATION')
                          and requested_at > :since
                        order by requested_at
                        """)
                .param("method", method.id())
                .param("since", SqlTime.of(now.minus(LONG_WINDOW)))
                .query((rs, n) -> SqlTime.instant(rs, "requested_at"))
                .list();
        if (!sent.isEmpty() && sent.getLast().plus(SHORT_WINDOW).isAfter(now)) {
            throw MessageRefused.tooMany("A message went to this contact method less than a minute ago: wait a minute"
                    + " before asking for another.", Duration.between(now, sent.getLast().plus(SHORT_WINDOW)));
        }
        if (sent.size() >= PER_LONG_WINDOW) {
            Instant free = sent.get(sent.size() - PER_LONG_WINDOW).plus(LONG_WINDOW);
            throw MessageRefused.tooMany(PER_LONG_WINDOW + " messages went to this contact method within the hour:"
                    + " try again after " + free + ".", Duration.between(now, free));
        }
    }

    /** Asks the notifier to send the message to the contact method, within its limits; returns the message's id. */
    UUID send(User user, ContactMethod method, Purpose purpose, String code) {
        Instant now = clock.instant();
        checkLimit(method, now);
        return send(user, method.id(), method.channel(), method.address(), method.sealedSecret(), purpose, code,
                null, now);
    }

    /** Emails the user their invitation link; returns the message's id. */
    public UUID invite(User user, String link) {
        return send(user, null, Channel.EMAIL, user.email(), null, Purpose.INVITATION, null, link, clock.instant());
    }

    private UUID send(User user, UUID methodId, Channel channel, String address, String sealedSecret,
            Purpose purpose, String code, String link, Instant now) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into personal_message (id, user_id, contact_method_id, purpose, channel, recipient,
                                                      status, requested_at, updated_at)
                        values (:id, :user, :method, :purpose, :channel, :recipient, 'QUEUED', :now, :now)
                        """)
                .param("id", id)
                .param("user", user.id())
                .param("method", methodId)
                .param("purpose", purpose.name())
                .param("channel", channel.name())
                .param("recipient", recipient(channel, address))
                .param("now", SqlTime.of(now))
                .update();
        outbox.append(Outbox.NOTIFICATIONS, (methodId != null ? methodId : user.id()).toString(),
                NotificationRequested.personal(id, purpose, user.id(), user.name(), methodId, channel, address, now,
                        code, link, sealedSecret));
        log.info("personal message={} purpose={} user={} contact_method={} channel={}", id, purpose, user.id(),
                methodId, channel);
        return id;
    }

    /** Records what the notifier reported of a message about no incident, unless a later attempt was reported. */
    public void reported(DeliveryReported delivery) {
        int updated = jdbc.sql("""
                        update personal_message set status = :status, detail = :detail, attempt = :attempt,
                                                    provider = coalesce(:provider, provider), updated_at = :at
                        where id = :id and attempt <= :attempt
                        """)
                .param("id", delivery.notificationId())
                .param("status", delivery.status().name())
                .param("detail", delivery.detail())
                .param("attempt", delivery.attempt())
                .param("provider", delivery.provider())
                .param("at", SqlTime.of(delivery.at() == null ? clock.instant() : delivery.at()))
                .update();
        log.info("personal message={} {} recorded={}", delivery.notificationId(), delivery.status(), updated == 1);
    }

    /** The messages sent to the user (to one of their contact methods if {@code methodId} is given), newest first. */
    public List<PersonalMessage> of(UUID userId, UUID methodId) {
        return jdbc.sql("""
                        select id, contact_method_id, purpose, channel, recipient, status, detail, provider,
                               requested_at, updated_at
                        from personal_message
                        where user_id = :user and (cast(:method as uuid) is null or contact_method_id = :method)
                        order by requested_at desc, id
                        limit 100
                        """)
                .param("user", userId)
                .param("method", methodId)
                .query(PersonalMessages::message)
                .list();
    }

    /** Phone numbers masked to their last four digits; an email address is no secret from its owner. */
    private static String recipient(Channel channel, String address) {
        if (channel == Channel.SMS || channel == Channel.VOICE) {
            return address.length() <= 4 ? "****" : "*".repeat(address.length() - 4)
                    + address.substring(address.length() - 4);
        }
        return address;
    }

    private static PersonalMessage message(ResultSet rs, int row) throws SQLException {
        return new PersonalMessage(rs.getObject("id", UUID.class), rs.getObject("contact_method_id", UUID.class),
                Purpose.valueOf(rs.getString("purpose")), Channel.valueOf(rs.getString("channel")),
                rs.getString("recipient"), rs.getString("status"), rs.getString("detail"), rs.getString("provider"),
                SqlTime.instant(rs, "requested_at"), SqlTime.instant(rs, "updated_at"));
    }
}
