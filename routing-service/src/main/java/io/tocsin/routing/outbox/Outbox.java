package io.tocsin.routing.outbox;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import io.tocsin.routing.SqlTime;
import io.tocsin.routing.WriteBehind;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Messages to publish, written in the same transaction as the state change that causes them (as one batch when it
 * commits); the {@link OutboxRelay} publishes them after commit, in the trace of the work that wrote them.
 */
@Component
public class Outbox {

    /** Output bindings, configured in routing.yml. */
    public static final String NOTIFICATIONS = "notifications-out";
    public static final String INCIDENTS = "incidents-out";
    public static final String INTEGRATIONS = "integrations-out";
    public static final String CONTACT_METHODS = "contact-methods-out";

    private final WriteBehind rows;
    private final JsonMapper json;
    private final Clock clock;
    private final Tracer tracer;
    private final Propagator propagator;

    Outbox(NamedParameterJdbcOperations jdbc, JsonMapper json, Clock clock, OutboxRelay relay, Tracer tracer,
            Propagator propagator) {
        // the relay is woken once per transaction that wrote messages, however many it wrote
        this.rows = new WriteBehind(jdbc, relay::wake);
        this.json = json;
        this.clock = clock;
        this.tracer = tracer;
        this.propagator = propagator;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void append(String binding, String key, Object message) {
        rows.write("""
                        insert into outbox (binding, message_key, payload, created_at, trace_parent)
                        values (:binding, :key, :payload, :now, :traceParent)
                        """, new MapSqlParameterSource()
                .addValue("binding", binding)
                .addValue("key", key)
                .addValue("payload", json.writeValueAsString(message))
                .addValue("now", SqlTime.of(clock.instant()))
                .addValue("traceParent", traceParent()));
    }

    /** The current trace as a W3C traceparent, or null outside one (a timer firing, a start-up task). */
    private String traceParent() {
        Span span = tracer.currentSpan();
        if (span == null) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>();
        propagator.inject(span.context(), carrier, Map::put);
        return carrier.get(OutboxRelay.TRACE_PARENT);
    }
}
