package io.tocsin.routing.rule;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tocsin.contracts.AlertAction;
import io.tocsin.contracts.AlertEvent;
import io.tocsin.routing.SqlTime;
import io.tocsin.routing.TransactionScoped;
import io.tocsin.routing.api.InvalidRequest;
import io.tocsin.routing.rule.CompiledRules.Evaluation;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Integrations' event rules: stored as the API shows them, kept compiled in memory per integration, and applied to a
 * poll's alerts before their incidents are locked (a rule can change an alert's service and dedup key). A poll asks
 * the database once which revision each of its integrations' rules has; a copy whose revision changed (saved on this
 * instance or another) is compiled again, so every instance applies a change from its next poll on.
 */
@Repository
public class EventRules {

    private static final Logger log = LoggerFactory.getLogger(EventRules.class);
    private static final TypeReference<List<EventRule>> RULES = new TypeReference<>() {
    };

    private record Cached(long revision, CompiledRules rules) {
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final Map<UUID, Cached> compiled = new ConcurrentHashMap<>();
    /** What the rules made of each alert of the poll, by alert id, from {@link #route} to {@link #routed}. */
    private final TransactionScoped<Map<UUID, Evaluation>> evaluated = TransactionScoped.of(HashMap::new);
    private final Counter dropped;
    private final Counter failed;

    EventRules(JdbcClient jdbc, JsonMapper json, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.dropped = Counter.builder("tocsin.rules.dropped")
                .description("Alerts an event rule dropped: counted here, not stored")
                .register(meters);
        this.failed = Counter.builder("tocsin.rules.errors")
                .description("Event rule conditions or dedup keys that could not be evaluated for an alert")
                .register(meters);
    }

    /** The integration's rules in order; none if it has none. */
    public List<EventRule> find(UUID integrationId) {
        return jdbc.sql("select rules from event_rules where integration_id = :id")
                .param("id", integrationId)
                .query((rs, n) -> json.readValue(rs.getString("rules"), RULES))
                .optional()
                .orElse(List.of());
    }

    /** Replaces the integration's rules by these, already compiled ({@link CompiledRules#compile}). */
    @Transactional(propagation = Propagation.MANDATORY)
    List<EventRule> replace(UUID integrationId, CompiledRules rules) {
        List<EventRule> saved = rules.rules();
        jdbc.sql("""
                        insert into event_rules (integration_id, rules, revision, updated_at)
                        values (:id, cast(:rules as jsonb), 1, :now)
                        on conflict (integration_id) do update
                        set rules = excluded.rules, revision = event_rules.revision + 1, updated_at = excluded.updated_at
                        """)
                .param("id", integrationId)
                .param("rules", json.writeValueAsString(saved))
                .param("now", SqlTime.of(clock.instant()))
                .update();
        jdbc.sql("delete from event_rule_route where integration_id = :id").param("id", integrationId).update();
        saved.stream().map(rule -> rule.then().routeTo()).filter(Objects::nonNull).distinct()
                .forEach(service -> jdbc.sql("""
                                insert into event_rule_route (integration_id, service_id) values (:id, :service)
                                """)
                        .param("id", integrationId)
                        .param("service", service)
                        .update());
        return saved;
    }

    /** Whether a service with this id exists, for a rule's {@code routeTo}. */
    boolean serviceExists(UUID serviceId) {
        return jdbc.sql("select exists (select 1 from service where id = :id)").param("id", serviceId)
                .query(Boolean.class).single();
    }

    /**
     * Applies each alert's integration rules to the poll's alerts (one statement when some have rules, more only for
     * rules changed since this instance compiled them) and returns them as the rules left them, without the dropped
     * ones; {@link #routed} then gives each alert's outcome in the same transaction.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<AlertEvent> route(List<AlertEvent> alerts) {
        Map<UUID, CompiledRules> rules = current(alerts.stream().filter(EventRules::ruled)
                .map(AlertEvent::integrationId).collect(Collectors.toSet()));
        Map<UUID, Evaluation> outcomes = evaluated.get().orElseThrow();
        return alerts.stream()
                .map(alert -> outcomes.computeIfAbsent(alert.id(), id -> evaluate(rules, alert)))
                .filter(evaluation -> !evaluation.dropped())
                .map(evaluation -> evaluation.ruled().alert())
                .toList();
    }

    /**
     * The alert as its integration's rules left it, empty if a rule dropped it (counted): the outcome {@link #route}
     * found in this transaction, else found now.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<RuledAlert> routed(AlertEvent alert) {
        Evaluation evaluation = evaluated.get().orElseThrow().computeIfAbsent(alert.id(), id -> evaluate(
                current(ruled(alert) ? Set.of(alert.integrationId()) : Set.of()), alert));
        if (evaluation.dropped()) {
            dropped.increment();
            log.info("alert={} integration={} dropped by event rule {}", alert.id(), alert.integrationId(),
                    evaluation.matched().getLast());
        }
        return Optional.ofNullable(evaluation.ruled());
    }

    /** The rules an integration has now, compiled: from memory if its revision did not change. */
    CompiledRules current(UUID integrationId) {
        return current(Set.of(integrationId)).getOrDefault(integrationId, CompiledRules.NONE);
    }

    private Evaluation evaluate(Map<UUID, CompiledRules> rules, AlertEvent alert) {
        Evaluation evaluation = rules.getOrDefault(alert.integrationId(), CompiledRules.NONE).evaluate(alert);
        if (!evaluation.errors().isEmpty()) {
            failed.increment(evaluation.errors().size());
            log.debug("alert={} integration={} event rules could not be evaluated: {}", alert.id(),
                    alert.integrationId(), evaluation.errors());
        }
        return evaluation;
    }

    private static boolean ruled(AlertEvent alert) {
        return alert.integrationId() != null && alert.action() != AlertAction.HEARTBEAT;
    }

    private Map<UUID, CompiledRules> current(Collection<UUID> integrationIds) {
        if (integrationIds.isEmpty()) {
            return Map.of();
        }
        Map<UUID, Long> revisions = jdbc.sql("""
                        select integration_id, revision from event_rules where integration_id in (:ids)""")
                .param("ids", integrationIds)
                .query((rs, n) -> Map.entry(rs.getObject("integration_id", UUID.class), rs.getLong("revision")))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        integrationIds.stream().filter(id -> !revisions.containsKey(id)).forEach(compiled::remove);
        List<UUID> stale = revisions.entrySet().stream()
                .filter(entry -> compiled.get(entry.getKey()) == null
                        || compiled.get(entry.getKey()).revision() != entry.getValue())
                .map(Map.Entry::getKey).toList();
        if (!stale.isEmpty()) {
            jdbc.sql("select integration_id, revision, rules from event_rules where integration_id in (:ids)")
                    .param("ids", stale)
                    .query((rs, n) -> {
                        UUID id = rs.getObject("integration_id", UUID.class);
                        compiled.put(id, new Cached(rs.getLong("revision"),
                                compiled(id, json.readValue(rs.getString("rules"), RULES))));
                        return id;
                    })
                    .list();
        }
        return revisions.keySet().stream().filter(compiled::containsKey)
                .collect(Collectors.toMap(id -> id, id -> compiled.get(id).rules()));
    }

    /** Rules saved compiled once; should a later CEL refuse them, the alerts go to their own service as sent. */
    private static CompiledRules compiled(UUID integrationId, List<EventRule> rules) {
        try {
            return CompiledRules.compile(rules);
        } catch (InvalidRequest refused) {
            log.error("integration={} event rules no longer compile, alerts go to its own service: {}", integrationId,
                    refused.getMessage());
            return CompiledRules.NONE;
        }
    }
}
