package io.tocsin.ingest.cloudwatch;

import io.tocsin.contracts.IntegrationSettings;
import io.tocsin.contracts.IntegrationType;
import io.tocsin.ingest.intake.Alert;
import io.tocsin.ingest.intake.BodyFormat;
import io.tocsin.ingest.intake.InvalidPayload;
import io.tocsin.ingest.intake.JsonFields;
import io.tocsin.ingest.intake.Normalizer;
import io.tocsin.ingest.intake.Payload;
import io.tocsin.ingest.intake.Reason;
import io.tocsin.ingest.intake.Rejected;
import io.tocsin.ingest.integration.KnownIntegration;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * AWS CloudWatch alarms through an Amazon SNS HTTPS subscription. Every message's signature is verified first;
 * a {@code SubscriptionConfirmation} is confirmed by fetching its {@code SubscribeURL} (only at a genuine SNS host),
 * a {@code Notification} carries the alarm. The setting {@value IntegrationSettings#CLOUDWATCH_TOPIC_ARNS} (comma-separated) restricts which SNS
 * topics the integration accepts.
 */
@Component
class CloudWatchNormalizer extends Normalizer {

    private static final Logger log = LoggerFactory.getLogger(CloudWatchNormalizer.class);

    private final SnsMessages sns;
    private final SnsHttp http;
    private final JsonMapper json;

    CloudWatchNormalizer(SnsMessages sns, SnsHttp http, JsonMapper json) {
        super(IntegrationType.CLOUDWATCH, BodyFormat.TEXT_JSON);
        this.sns = sns;
        this.http = http;
        this.json = json;
    }

    @Override
    public List<Alert> normalize(Payload payload, KnownIntegration integration, Instant receivedAt) {
        JsonNode message = payload.json();
        sns.verify(message);
        String topic = JsonFields.text(message, "TopicArn").orElse("");
        integration.setting(IntegrationSettings.CLOUDWATCH_TOPIC_ARNS).ifPresent(allowed -> {
            if (Arrays.stream(allowed.split(",")).map(String::strip).noneMatch(topic::equals)) {
                throw new Rejected(Reason.SIGNATURE_INVALID, "SNS topic " + topic + " is not one this integration "
                        + "accepts (setting " + IntegrationSettings.CLOUDWATCH_TOPIC_ARNS + ")");
            }
        });
        return switch (JsonFields.text(message, "Type").orElse("")) {
            case "SubscriptionConfirmation" -> confirm(message, integration);
            case "UnsubscribeConfirmation" -> List.of();
            case "Notification" -> CloudWatchAlarms.of(alarm(message), receivedAt);
            default -> throw new InvalidPayload("'Type' must be SubscriptionConfirmation, UnsubscribeConfirmation "
                    + "or Notification");
        };
    }

    private List<Alert> confirm(JsonNode message, KnownIntegration integration) {
        URI subscribe = SnsHosts.requireGenuine(JsonFields.text(message, "SubscribeURL").orElse(null), "SubscribeURL");
        try {
            http.get(subscribe);
        } catch (IOException e) {
            throw new Rejected(Reason.CONFIRMATION_FAILED, "Confirming the SNS subscription failed; SNS will "
                    + "resend the confirmation", List.of(), null, e);
        }
        log.info("integration={} confirmed SNS subscription to topic={}", integration.integrationId(),
                JsonFields.text(message, "TopicArn").orElse(""));
        return List.of();
    }

    private JsonNode alarm(JsonNode message) {
        String text = JsonFields.text(message, "Message").orElse("");
        try {
            JsonNode alarm = json.readTree(text);
            if (alarm.isObject()) {
                return alarm;
            }
        } catch (JacksonException e) {
            // not JSON: said below
        }
        throw new InvalidPayload("The SNS notification's 'Message' is not a CloudWatch alarm (JSON object)");
    }
}
