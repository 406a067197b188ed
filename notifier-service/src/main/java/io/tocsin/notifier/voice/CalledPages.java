package io.tocsin.notifier.voice;

import io.tocsin.contracts.NotificationRequested;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The page a call was placed for: to whose contact method, about which incidents (several for a bundle). */
@Repository
class CalledPages {

    /** {@code purpose} and {@code code}: what a call about no incident says (a test page, a verification code). */
    record CalledPage(UUID contactMethodId, List<UUID> incidentIds, NotificationRequested.Purpose purpose, String code) {
    }

    private final JdbcClient jdbc;

    CalledPages(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<CalledPage> find(UUID notificationId) {
        record Row(UUID contactMethodId, UUID incidentId, String purpose, String code) {
        }
        List<Row> rows = jdbc.sql("""
                        select contact_method_id, incident_id, request ->> 'purpose' as purpose,
                               request ->> 'code' as code
                        from notification
                        where channel = 'VOICE' and (id = :id or bundled_into = :id)
                        order by requested_at, id
                        """)
                .param("id", notificationId)
                .query(Row.class)
                .list();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Row first = rows.getFirst();
        return Optional.of(new CalledPage(first.contactMethodId(), rows.stream().map(Row::incidentId)
                .filter(Objects::nonNull).distinct().toList(),
                first.purpose() == null ? NotificationRequested.Purpose.PAGE
                        : NotificationRequested.Purpose.valueOf(first.purpose()), first.code()));
    }
}
