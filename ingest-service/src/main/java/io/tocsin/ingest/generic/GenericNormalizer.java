package io.tocsin.ingest.generic;

import io.tocsin.contracts.AlertAction;
import io.tocsin.contracts.IntegrationType;
import io.tocsin.contracts.SecretHash;
import io.tocsin.contracts.Severity;
import io.tocsin.ingest.intake.Alert;
import io.tocsin.ingest.intake.AlertValues;
import io.tocsin.ingest.intake.BodyFormat;
import io.tocsin.ingest.intake.InvalidPayload;
import io.tocsin.ingest.intake.JsonFields;
import io.tocsin.ingest.intake.Normalizer;
import io.tocsin.ingest.intake.Payload;
import io.tocsin.ingest.integration.KnownIntegration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The generic webhook for scripts and Nagios/monit {@code curl} commands: a JSON object, form fields or query
 * parameters with {@code summary}, {@code details}, {@code action} (trigger, the default, acknowledge or resolve),
 * {@code dedup}, {@code severity} (critical, error — the default —, warning, info) and {@code source}. Without a
 * dedup the summary is the key, so the same alert sent twice is one incident and a resolve with the same summary
 * closes it.
 */
@Component
class GenericNormalizer extends Normalizer {

    GenericNormalizer() {
        super(IntegrationType.GENERIC, BodyFormat.JSON, BodyFormat.FORM, BodyFormat.QUERY);
    }

    @Override
    public List<Alert> normalize(Payload payload, KnownIntegration integration, Instant receivedAt) {
        List<String> errors = new ArrayList<>();
        String actionName = field(payload, "action").orElse("trigger").toLowerCase(Locale.ROOT);
        AlertAction action = AlertValues.action("action", actionName, errors);
        Optional<String> summary = field(payload, "summary");
        Optional<String> dedup = field(payload, "dedup");
        if (summary.isEmpty() && (action == AlertAction.TRIGGER || dedup.isEmpty())) {
            errors.add(action == AlertAction.TRIGGER ? "'summary' is required to trigger"
                    : "'dedup' or 'summary' is required to name the incident to " + actionName);
        }
        if (dedup.isPresent() && dedup.get().length() > AlertValues.MAX_DEDUP_KEY) {
            errors.add("'dedup' must be at most " + AlertValues.MAX_DEDUP_KEY + " characters");
        }
        Optional<String> severityName = field(payload, "severity");
        Severity severity = severityName.map(name -> AlertValues.severity(name).orElseGet(() -> {
            errors.add("'severity' must be critical, error, warning or info, not '" + name + "'");
            return null;
        })).orElse(Severity.ERROR);
        if (!errors.isEmpty()) {
            throw new InvalidPayload(errors);
        }
        String dedupKey = dedup.orElseGet(() -> "summary:" + SecretHash.of(summary.get()).substring(0, 32));
        return List.of(new Alert(action, dedupKey, summary.map(AlertValues::summary).orElse(null), severity,
                field(payload, "source").orElse(null), details(payload), receivedAt));
    }

    /** A field of the JSON body, else of the form or query string. */
    private static Optional<String> field(Payload payload, String name) {
        return JsonFields.text(payload.json(), name).or(() -> payload.field(name));
    }

    private static Map<String, Object> details(Payload payload) {
        Map<String, Object> details = new LinkedHashMap<>();
        JsonNode json = payload.json();
        if (json != null && json.has("details") && !json.get("details").isNull()) {
            details.put("details", JsonFields.plain(json.get("details")));
        } else {
            payload.field("details").ifPresent(text -> details.put("details", text));
        }
        return details;
    }
}
