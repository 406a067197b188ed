package io.tocsin.notifier.voice;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The page a call was placed for: to whose contact method, about which incidents (several for a bundle). */
@Repository
class CalledPages {

    record CalledPage(UUID contactMethodId, List<UUID> incidentIds) {
    }

    private final JdbcClient jdbc;

    CalledPages(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<CalledPage> find(UUID notificationId) {
        record Row(UUID contactMethodId, UUID incidentId) {
        }
        List<Row> rows = jdbc.sql("""
                        select contact_method_id, incident_id from notification
                        where channel = 'VOICE' and (id = :id or bundled_into = :id)
                        order by requested_at, id
                        """)
                .param("id", notificationId)
                .query(Row.class)
                .list();
        return rows.isEmpty() ? Optional.empty()
                : Optional.of(new CalledPage(rows.getFirst().contactMethodId(), rows.stream().map(Row::incidentId)
                        .distinct().toList()));
    }
}
