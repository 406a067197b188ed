package io.tocsin.routing.service;

import static io.tocsin.contracts.IntegrationSettings.ALERTMANAGER_DEDUP;
import static io.tocsin.contracts.IntegrationSettings.CLOUDWATCH_TOPIC_ARNS;
import static io.tocsin.contracts.IntegrationSettings.GRAFANA_DEDUP;
import static io.tocsin.contracts.IntegrationSettings.HEARTBEAT_INTERVAL;
import static io.tocsin.contracts.IntegrationSettings.RATE_LIMIT_BURST;
import static io.tocsin.contracts.IntegrationSettings.RATE_LIMIT_PER_MINUTE;

import io.tocsin.contracts.IntegrationType;
import io.tocsin.routing.api.InvalidRequest;
import io.tocsin.routing.heartbeat.Heartbeats;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The values each integration type understands, checked when an admin sets them: ingest reads them (the names are
 * in contracts' {@code IntegrationSettings}) and would otherwise ignore a typo or refuse every event.
 */
final class IntegrationSettings {

    private static final Pattern WHOLE_NUMBER = Pattern.compile("\\d{1,9}");
    private static final Pattern TOPIC_ARN = Pattern.compile("arn:[\\w-]+:sns:[\\w-]+:\\d{12}:[\\w-]+");

    /** A setting: which types read it, what its values look like, and how an error describes them. */
    private record Setting(Set<IntegrationType> types, Predicate<String> valid, String expected) {
    }

    private static final Map<String, Setting> SETTINGS = settings();

    private static Map<String, Setting> settings() {
        Set<IntegrationType> all = Set.of(IntegrationType.values());
        Map<String, Setting> settings = new LinkedHashMap<>();
        settings.put(RATE_LIMIT_PER_MINUTE, new Setting(all, WHOLE_NUMBER.asMatchPredicate(),
                "a whole number of requests per minute (0: no limit)"));
        settings.put(RATE_LIMIT_BURST, new Setting(all, WHOLE_NUMBER.asMatchPredicate().and(v -> !v.equals("0")),
                "a whole number of requests at once, at least 1"));
        settings.put(ALERTMANAGER_DEDUP, new Setting(Set.of(IntegrationType.ALERTMANAGER),
                Set.of("alert", "group")::contains, "alert or group"));
        settings.put(GRAFANA_DEDUP, new Setting(Set.of(IntegrationType.GRAFANA),
                Set.of("alert", "group")::contains, "alert or group"));
        settings.put(CLOUDWATCH_TOPIC_ARNS, new Setting(Set.of(IntegrationType.CLOUDWATCH),
                value -> Arrays.stream(value.split(",")).map(String::trim).allMatch(TOPIC_ARN.asMatchPredicate()),
                "comma-separated SNS topic ARNs such as arn:aws:sns:eu-west-1:123456789012:alarms"));
        // the minimum is checked by Heartbeats.interval, which also says what is wrong
        settings.put(HEARTBEAT_INTERVAL, new Setting(Set.of(IntegrationType.HEARTBEAT), value -> true,
                "an ISO-8601 duration such as PT5M"));
        return settings;
    }

    private IntegrationSettings() {
    }

    /** The settings if the type understands every one and each value has the right form; else a 400 saying why. */
    static Map<String, String> checked(IntegrationType type, Map<String, String> settings) {
        settings.forEach((name, value) -> {
            Setting setting = SETTINGS.get(name);
            if (setting == null || !setting.types().contains(type)) {
                throw new InvalidRequest("settings.'" + name + "' is not a setting of a " + type
                        + " integration; it understands " + String.join(", ", understood(type)));
            }
            if (value == null || !setting.valid().test(value.trim())) {
                throw new InvalidRequest("settings.'" + name + "' must be " + setting.expected() + ", not '" + value
                        + "'");
            }
        });
        if (type == IntegrationType.HEARTBEAT) {
            Heartbeats.interval(settings);
        }
        return settings;
    }

    private static Set<String> understood(IntegrationType type) {
        Set<String> names = new TreeSet<>();
        SETTINGS.forEach((name, setting) -> {
            if (setting.types().contains(type)) {
                names.add(name);
            }
        });
        return names;
    }
}
