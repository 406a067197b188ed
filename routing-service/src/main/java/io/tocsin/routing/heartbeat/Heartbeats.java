package io.tocsin.routing.heartbeat;

import static io.tocsin.contracts.IntegrationSettings.HEARTBEAT_INTERVAL;

import io.tocsin.routing.SqlTime;
import io.tocsin.routing.api.InvalidRequest;
import io.tocsin.routing.timer.Timer;
import io.tocsin.routing.timer.Timers;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Dead man's switches: a HEARTBEAT integration expects a ping at least every {@code heartbeat.interval};
 * each ping moves its deadline (a durable timer), and a missed deadline raises an incident.
 */
@Component
public class Heartbeats {

    /** The timer of an integration's next ping; the incident lifecycle fires it, raising the missed heartbeat. */
    public static final String DEADLINE = "HEARTBEAT_DEADLINE";
    private static final Duration SHORTEST_INTERVAL = Duration.ofSeconds(1);
    private static final TypeReference<Map<String, String>> SETTINGS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final Timers timers;
    private final JsonMapper json;

    Heartbeats(JdbcClient jdbc, Timers timers, JsonMapper json) {
        this.jdbc = jdbc;
        this.timers = timers;
        this.json = json;
    }

    /** A heartbeat missed: which service it pages, what it is called, how often it should have pinged. */
    public record Missed(UUID serviceId, String name, Duration interval, Instant lastPing) {
    }

    /** The dedup key of the incident a heartbeat integration raises: one open incident per integration. */
    public static String dedupKey(UUID integrationId) {
        return "heartbeat/" + integrationId;
    }

    /** The interval in the settings of a HEARTBEAT integration, or a message saying what to fix. */
    public static Duration interval(Map<String, String> settings) {
        String interval = settings.get(HEARTBEAT_INTERVAL);
        if (interval == null) {
            throw new InvalidRequest("a HEARTBEAT integration needs settings.'" + HEARTBEAT_INTERVAL + "', e.g. PT5M");
        }
        try {
            Duration parsed = Duration.parse(interval);
            if (parsed.compareTo(SHORTEST_INTERVAL) < 0) {
                throw new InvalidRequest("settings.'" + HEARTBEAT_INTERVAL + "' must be at least PT1S, not " + interval);
            }
            return parsed;
        } catch (DateTimeParseException e) {
            throw new InvalidRequest("settings.'" + HEARTBEAT_INTERVAL + "' must be an ISO-8601 duration such as PT5M,"
                    + " not " + interval);
        }
    }

    /** Starts watching a new heartbeat integration: its first ping is due one interval from now. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void watch(UUID integrationId, Duration interval, Instant now) {
        timers.replace(Timer.onIntegration(DEADLINE, integrationId, now.plus(interval)));
    }

    /** Records a ping and moves the deadline; nothing if the integration is not an enabled heartbeat. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void pinged(UUID integrationId, Instant now) {
        lock(integrationId).ifPresent(heartbeat -> {
            jdbc.sql("update integration set last_event_at = :now where id = :id")
                    .param("id", integrationId)
                    .param("now", SqlTime.of(now))
                    .update();
            timers.replace(Timer.onIntegration(DEADLINE, integrationId, now.plus(heartbeat.interval())));
        });
    }

    /** Whether the deadline that came due is really missed: no ping arrived since it was set. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Missed> missed(UUID integrationId, Instant now) {
        return lock(integrationId).filter(heartbeat ->
                heartbeat.lastPing() == null || !heartbeat.lastPing().plus(heartbeat.interval()).isAfter(now));
    }

    private Optional<Missed> lock(UUID integrationId) {
        return jdbc.sql("""
                        select service_id, name, settings, last_event_at from integration
                        where id = :id and type = 'HEARTBEAT' and enabled for update
                        """)
                .param("id", integrationId)
                .query((rs, n) -> new Missed(rs.getObject("service_id", UUID.class), rs.getString("name"),
                        interval(json.readValue(rs.getString("settings"), SETTINGS)),
                        SqlTime.instant(rs, "last_event_at")))
                .optional();
    }
}
