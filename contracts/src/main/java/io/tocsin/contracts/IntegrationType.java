package io.tocsin.contracts;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The kinds of integration, one list for routing (which stores them) and ingest (which accepts their events);
 * the name is how routing names the type on the integrations
 * topic, {@code slug} the path segment of its endpoint, {@code /integrations/{key}/{slug}}. The two PagerDuty
 * APIs carry the key in their body and keep PagerDuty's own paths instead.
 */
public enum IntegrationType {

    EVENTS_V2("Events API v2", null, "routing_key"),
    EVENTS_V1("Events API v1", null, "service_key"),
    ALERTMANAGER("Prometheus Alertmanager", "alertmanager", null),
    GRAFANA("Grafana", "grafana", null),
    GENERIC("generic webhook", "generic", null),
    UPTIME_KUMA("Uptime Kuma", "uptime-kuma", null),
    UPTIMEROBOT("UptimeRobot", "uptimerobot", null),
    PINGDOM("Pingdom", "pingdom", null),
    CLOUDWATCH("AWS CloudWatch (SNS)", "cloudwatch", null),
    HEARTBEAT("heartbeat", "heartbeat", null);

    private final String displayName;
    private final String slug;
    private final String bodyKeyField;

    IntegrationType(String displayName, String slug, String bodyKeyField) {
        this.displayName = displayName;
        this.slug = slug;
        this.bodyKeyField = bodyKeyField;
    }

    /** The JSON field that carries the integration key, for the types whose body carries it. */
    public Optional<String> bodyKeyField() {
        return Optional.ofNullable(bodyKeyField);
    }

    /** A person's name for the type, for error messages. */
    public String displayName() {
        return displayName;
    }

    /** Where a monitor of this type sends its events, with the key as a placeholder. */
    public String endpoint() {
        return switch (this) {
            case EVENTS_V2 -> "/v2/enqueue";
            case EVENTS_V1 -> "/generic/2010-04-15/create_event.json";
            default -> "/integrations/{key}/" + slug;
        };
    }

    /** The type whose endpoint path segment this is; the PagerDuty types have none. */
    public static Optional<IntegrationType> bySlug(String slug) {
        return Arrays.stream(values()).filter(type -> type.slug != null && type.slug.equals(slug)).findFirst();
    }

    /** The path segments of the types that have an endpoint under {@code /integrations}. */
    public static List<String> slugs() {
        return Arrays.stream(values()).map(type -> type.slug).filter(Objects::nonNull).toList();
    }

    /** The type routing announced by this name, if ingest knows it. */
    public static Optional<IntegrationType> byName(String typeName) {
        return Arrays.stream(values()).filter(type -> type.name().equals(typeName)).findFirst();
    }
}
