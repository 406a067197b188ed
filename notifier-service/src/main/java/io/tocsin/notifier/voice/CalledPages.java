package io.tocsin.notifier.voice;

import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The page a call was placed for: which incident, to whose contact method. */
@Repository
class CalledPages {

    record CalledPage(UUID incidentId, UUID contactMethodId) {
    }

    private final JdbcClient jdbc;

    CalledPages(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<CalledPage> find(UUID notificationId) {
        return jdbc.sql("select incident_id, contact_method_id from notification where id = :id and channel = 'VOICE'")
                .param("id", notificationId)
                .query(CalledPage.class)
                .optional();
    }
}
