package io.tocsin.ingest.cloudwatch;

import io.tocsin.contracts.AlertAction;
import io.tocsin.contracts.Severity;
import io.tocsin.ingest.intake.Alert;
import io.tocsin.ingest.intake.AlertValues;
import io.tocsin.ingest.intake.InvalidPayload;
import io.tocsin.ingest.intake.JsonFields;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A CloudWatch alarm state change (the JSON in an SNS notification's {@code Message}): {@code NewStateValue} ALARM
 * triggers and OK resolves the incident of the alarm's ARN; INSUFFICIENT_DATA pages nobody.
 */
final class CloudWatchAlarms {

    /** CloudWatch writes offsets without a colon: 2026-01-31T13:45:00.000+0000. */
    private static final DateTimeFormatter STATE_CHANGE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    private CloudWatchAlarms() {
    }

    static List<Alert> of(JsonNode alarm, Instant receivedAt) {
        String name = JsonFields.text(alarm, "AlarmName").orElseThrow(() -> new InvalidPayload(
                "The SNS message is not a CloudWatch alarm: 'AlarmName' is missing"));
        String state = JsonFields.text(alarm, "NewStateValue").orElseThrow(() -> new InvalidPayload(
                "'NewStateValue' is missing from the CloudWatch alarm"));
        AlertAction action = switch (state) {
            case "ALARM" -> AlertAction.TRIGGER;
            case "OK" -> AlertAction.RESOLVE;
            case "INSUFFICIENT_DATA" -> null;
            default -> throw new InvalidPayload("'NewStateValue' must be ALARM, OK or INSUFFICIENT_DATA");
        };
        if (action == null) {
            return List.of();
        }
        String alarmId = JsonFields.text(alarm, "AlarmArn").orElseGet(() -> String.join(":",
                JsonFields.text(alarm, "AWSAccountId").orElse(""), JsonFields.text(alarm, "Region").orElse(""), name));
        String reason = JsonFields.text(alarm, "NewStateReason").orElse(null);
        return List.of(new Alert(action, AlertValues.dedupKey("cloudwatch", alarmId),
                AlertValues.summary(reason == null ? name : name + ": " + reason), Severity.CRITICAL,
                JsonFields.text(alarm, "Region").orElse("AWS CloudWatch"),
                JsonFields.pick(alarm, "AlarmName", "AlarmDescription", "AWSAccountId", "Region", "AlarmArn",
                        "OldStateValue", "NewStateValue", "NewStateReason", "StateChangeTime", "Trigger"),
                JsonFields.text(alarm, "StateChangeTime").flatMap(CloudWatchAlarms::instant).orElse(receivedAt)));
    }

    private static Optional<Instant> instant(String text) {
        try {
            return Optional.of(OffsetDateTime.parse(text, STATE_CHANGE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return AlertValues.instant(text);
        }
    }
}
