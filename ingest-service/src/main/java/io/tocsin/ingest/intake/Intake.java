package io.tocsin.ingest.intake;

import io.tocsin.contracts.AlertEvent;
import io.tocsin.contracts.IntegrationType;
import io.tocsin.contracts.StorableText;
import io.tocsin.ingest.IngestProperties;
import io.tocsin.ingest.integration.IntegrationDirectory;
import io.tocsin.ingest.integration.KnownIntegration;
import io.tocsin.ingest.publish.AlertNotStored;
import io.tocsin.ingest.publish.AlertPublisher;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one path every webhook takes: read the body within the limits, find the integration by its key, check its
 * type and rate limit, let the type's {@link Normalizer} make alerts of it, and publish them. A request either ends
 * with every event stored in Kafka, or throws {@link Rejected}; a request refused before publishing (every 4xx)
 * published nothing. Should Kafka refuse the third of five events of one Alertmanager group, the first two are
 * stored and the answer is 503: the sender's retry repeats them under the same dedup keys, which routing takes as
 * repeats.
 */
@Component
public class Intake {

    private static final Logger log = LoggerFactory.getLogger(Intake.class);
    private static final Duration NOT_READY_RETRY = Duration.ofSeconds(2);

    private final Map<IntegrationType, Normalizer> normalizers = new EnumMap<>(IntegrationType.class);
    private final IntegrationDirectory integrations;
    private final RateLimits rateLimits;
    private final AlertPublisher publisher;
    private final InFlightRequests inFlight;
    private final IngestMetrics metrics;
    private final RequestReader reader;
    private final Clock clock;
    private final int maxRawPayload;
    private final Duration retryAfter;
    private final Duration placeWait;

    Intake(List<Normalizer> normalizers, IntegrationDirectory integrations, RateLimits rateLimits,
            AlertPublisher publisher, InFlightRequests inFlight, IngestMetrics metrics, JsonMapper json,
            IngestProperties properties, Clock clock) {
        normalizers.forEach(normalizer -> this.normalizers.put(normalizer.type(), normalizer));
        this.integrations = integrations;
        this.rateLimits = rateLimits;
        this.publisher = publisher;
        this.inFlight = inFlight;
        this.metrics = metrics;
        this.reader = new RequestReader(json, properties.maxBodySize().toBytes());
        this.clock = clock;
        this.maxRawPayload = (int) properties.maxRawPayload().toBytes();
        this.retryAfter = properties.retryAfter();
        this.placeWait = properties.placeWait();
    }

    /** The events a type's request was turned into, all stored in Kafka. */
    public record Accepted(KnownIntegration integration, List<AlertEvent> events) {
    }

    /**
     * Accepts one request for an integration of {@code type}. The key is {@code pathKey} when the URL has one,
     * else the one in the payload (PagerDuty's APIs), else the one in the headers (see {@link IntegrationKeys}).
     */
    public Accepted accept(IntegrationType type, String pathKey, HttpServletRequest request) {
        Normalizer normalizer = normalizers.get(type);
        try {
            Payload payload = reader.read(request, normalizer.formats());
            String key = pathKey != null ? pathKey : type.bodyKeyField()
                    .map(field -> IntegrationKeys.fromBody(payload, field))
                    .orElseGet(() -> IntegrationKeys.fromHeaders(request, type));
            KnownIntegration integration = authenticate(type, key);
            rateLimits.take(integration).ifPresent(wait -> {
                throw new Rejected(Reason.RATE_LIMITED, "Too many requests for this integration; retry in "
                        + Math.max(1, wait.toSeconds()) + " s", List.of(), wait, null);
            });
            InFlightRequests.Place place = inFlight.enter(integration.integrationId(), placeWait).orElseThrow(() -> {
                Duration wait = inFlight.retryAfter();
                return new Rejected(Reason.OVERLOADED, "Ingest is working on as many events as it is set up for"
                        + " (tocsin.ingest.max-in-flight), or this integration on its share of them (half), and no"
                        + " place came free within " + placeWait.toMillis() + " ms; nothing was stored, retry in "
                        + Math.max(1, wait.toSeconds()) + " s", List.of(), wait, null);
            });
            try {
                return store(type, normalizer, payload, key, integration);
            } finally {
                place.leave();
            }
        } catch (InvalidPayload invalid) {
            throw rejected(type, new Rejected(Reason.INVALID, invalid.getMessage(), invalid.errors(), null, invalid));
        } catch (Rejected rejected) {
            throw rejected(type, rejected);
        }
    }

    private Accepted store(IntegrationType type, Normalizer normalizer, Payload payload, String key,
            KnownIntegration integration) {
        Instant receivedAt = clock.instant();
        // the key is a secret, kept only as a hash: the stored copy of the request must not carry it
        String raw = StorableText.of(capped(payload.raw().replace(key, "[integration key]")));
        List<AlertEvent> events = new ArrayList<>();
        for (Alert alert : normalizer.normalize(payload, integration, receivedAt)) {
            events.add(stamp(alert, raw, integration, receivedAt));
        }
        for (AlertEvent event : events) {
            publish(event);
        }
        metrics.accepted(type.name(), events.size());
        return new Accepted(integration, events);
    }

    private Rejected rejected(IntegrationType type, Rejected rejected) {
        metrics.rejected(type.name(), rejected.reason());
        if (rejected.reason() == Reason.OVERLOADED) {
            // counted, not logged: a flood would otherwise write a log line per shed request
            return rejected;
        }
        log.info("{} request rejected: reason={} {}", type, rejected.reason().tag(), rejected.getMessage());
        return rejected;
    }


    private KnownIntegration authenticate(IntegrationType expected, String key) {
        // a monitor drops an event answered 4xx: while ingest may not have read the key yet, it must retry
        KnownIntegration integration = integrations.find(key).orElseThrow(() -> integrations.readToTheEnd()
                ? new Rejected(Reason.UNKNOWN_KEY, "No Tocsin integration has this key: check the key in the URL or"
                        + " header")
                : new Rejected(Reason.NOT_READY, "Ingest has not read every integration yet (it has just started, or"
                        + " one was created a moment ago); nothing was accepted, retry in "
                        + NOT_READY_RETRY.toSeconds() + " s", List.of(), NOT_READY_RETRY, null));
        if (integration.keyExpiredAt() != null) {
            throw new Rejected(Reason.KEY_EXPIRED, "This key was replaced when the integration's key was rotated,"
                    + " and stopped working at " + integration.keyExpiredAt() + ": send events with the new key");
        }
        if (!integration.enabled()) {
            throw new Rejected(Reason.DISABLED, "This integration is disabled; enable it in Tocsin to accept events");
        }
        if (!expected.name().equals(integration.type())) {
            String actual = IntegrationType.byName(integration.type())
                    .map(type -> type.name() + " (" + type.displayName() + ")").orElse(integration.type());
            String where = IntegrationType.byName(integration.type())
                    .map(type -> ": send its events to " + type.endpoint()).orElse("");
            throw new Rejected(Reason.WRONG_TYPE, "This key belongs to a " + actual + " integration, not a "
                    + expected.name() + " (" + expected.displayName() + ") one" + where);
        }
        return integration;
    }

    /** The event as routing will store it: a 202 must not be followed by PostgreSQL refusing a NUL in it. */
    private AlertEvent stamp(Alert alert, String raw, KnownIntegration integration, Instant receivedAt) {
        return new AlertEvent(UUID.randomUUID(), AlertEvent.SCHEMA_VERSION, alert.action(), integration.serviceId(),
                integration.integrationId(), integration.type(), StorableText.of(alert.dedupKey()),
                StorableText.of(alert.summary()), alert.severity(), StorableText.of(alert.source()),
                StorableText.map(alert.details()), raw,
                Optional.ofNullable(alert.occurredAt()).orElse(receivedAt), receivedAt);
    }

    private void publish(AlertEvent event) {
        try {
            publisher.publish(event);
        } catch (AlertNotStored e) {
            throw new Rejected(Reason.NOT_STORED, "The event could not be stored right now and was not accepted; "
                    + "retry shortly", List.of(), retryAfter, e);
        }
    }

    private String capped(String raw) {
        return raw.length() <= maxRawPayload ? raw : raw.substring(0, maxRawPayload);
    }
}
