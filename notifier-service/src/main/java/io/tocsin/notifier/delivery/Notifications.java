package io.tocsin.notifier.delivery;

import io.tocsin.contracts.NotificationRequested;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The notification table: each page and where it stands with its provider. */
@Repository
class Notifications {

    enum Status {
        SENDING, SENT, DELIVERED, FAILED
    }

    record Notification(UUID id, Status status, String providerId, String detail, int attempts) {
    }

    private final JdbcClient jdbc;

    Notifications(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records the notification as being sent (or, if it was already, counts another attempt) and
     * returns its state. Committed before the provider is called, so a crash repeats at most this send.
     */
    Notification begin(NotificationRequested n, Instant now) {
        return jdbc.sql("""
                        insert into notification (id, incident_id, user_id, contact_method_id, channel, address, status,
                                                  attempts, requested_at, updated_at)
                        values (:id, :incident, :user, :method, :channel, :address, 'SENDING', 1, :requested, :now)
                        on conflict (id) do update set
                            attempts = notification.attempts + case when notification.status = 'SENDING' then 1 else 0 end,
                            updated_at = :now
                        returning id, status, provider_id, detail, attempts
                        """)
                .param("id", n.id())
                .param("incident", n.incidentId())
                .param("user", n.userId())
                .param("method", n.contactMethodId())
                .param("channel", n.channel().name())
                .param("address", n.address())
                .param("requested", utc(n.requestedAt()))
                .param("now", utc(now))
                .query(Notification.class)
                .single();
    }

    void finish(UUID id, Status status, String providerId, String detail, Instant now) {
        jdbc.sql("update notification set status = :status, provider_id = :provider, detail = :detail, updated_at = :now"
                        + " where id = :id")
                .param("id", id)
                .param("status", status.name())
                .param("provider", providerId)
                .param("detail", detail)
                .param("now", utc(now))
                .update();
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
