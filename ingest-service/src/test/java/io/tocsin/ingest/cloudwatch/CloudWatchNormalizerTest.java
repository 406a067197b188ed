package io.tocsin.ingest.cloudwatch;

import static io.tocsin.ingest.intake.Fixtures.RECEIVED_AT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tocsin.contracts.AlertAction;
import io.tocsin.contracts.IntegrationSettings;
import io.tocsin.contracts.IntegrationType;
import io.tocsin.ingest.intake.Alert;
import io.tocsin.ingest.intake.Fixtures;
import io.tocsin.ingest.intake.Payload;
import io.tocsin.ingest.intake.Reason;
import io.tocsin.ingest.intake.Rejected;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** SNS signatures checked for real: a keytool-made key signs, a local server serves its certificate. */
class CloudWatchNormalizerTest {

    private static LocalSns sns;
    private static LocalSns.KeyPair genuine;

    @BeforeAll
    static void startSns() {
        genuine = LocalSns.KeyPair.generate("CN=sns.amazonaws.com", "-1d", 2);
        sns = new LocalSns(genuine);
    }

    @AfterAll
    static void stopSns() {
        sns.close();
    }

    @ParameterizedTest(name = "SignatureVersion {0}")
    @ValueSource(strings = {"1", "2"})
    void aSignedAlarmTriggers(String signatureVersion) {
        List<Alert> alerts = normalize(sns.notification(Fixtures.text("cloudwatch/alarm.json"), signatureVersion),
                Map.of());

        assertThat(alerts).singleElement().extracting(Alert::action).isEqualTo(AlertAction.TRIGGER);
    }

    @Test
    void aSignedOkResolves() {
        List<Alert> alerts = normalize(sns.notification(Fixtures.text("cloudwatch/ok.json"), "2"), Map.of());

        assertThat(alerts).singleElement().extracting(Alert::action).isEqualTo(AlertAction.RESOLVE);
    }

    @Test
    void aTamperedMessageIsRefused() {
        ObjectNode message = (ObjectNode) JsonMapper.shared().readTree(
                sns.notification(Fixtures.text("cloudwatch/alarm.json"), "2"));
        message.put("Message", Fixtures.text("cloudwatch/ok.json"));

        assertRefused(message.toString(), "does not match");
    }

    @Test
    void aSignatureByAnotherKeyIsRefused() {
        try (LocalSns impostor = new LocalSns()) {
            assertRefused(impostor.notification(Fixtures.text("cloudwatch/alarm.json"), "2"), "does not match");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "http://sns.eu-west-1.amazonaws.com/SimpleNotificationService-test.pem",
            "https://sns.eu-west-1.amazonaws.com.evil.example.org/cert.pem",
            "https://evil.example.org/sns.eu-west-1.amazonaws.com/cert.pem",
            "https://sns.eu-west-1.amazonaws.com@evil.example.org/cert.pem",
            "https://s3.amazonaws.com/sns.pem",
            "https://sns.eu-west-1.amazonaws.com:8443/cert.pem",
            "not a url"})
    void certificatesAreFetchedOnlyFromSnsHosts(String certificateUrl) {
        ObjectNode message = (ObjectNode) JsonMapper.shared().readTree(
                sns.notification(Fixtures.text("cloudwatch/alarm.json"), "2"));
        message.put("SigningCertURL", certificateUrl);
        int before = sns.requests().size();

        assertRefused(message.toString(), "SigningCertURL");
        assertThat(sns.requests()).hasSize(before);
    }

    @ParameterizedTest(name = "{0}, valid from {1} for {2} days")
    @CsvSource(delimiter = '|', textBlock = """
            CN=evil.example.org  | -1d  | 2 | not issued to sns.amazonaws.com
            CN=sns.amazonaws.com | -10d | 2 | not valid now
            """)
    void onlyACurrentCertificateIssuedToSnsIsTrusted(String subject, String startDate, int days, String reason) {
        try (LocalSns other = new LocalSns(LocalSns.KeyPair.generate(subject, startDate, days))) {
            CloudWatchNormalizer normalizer = normalizer(other);
            String message = other.notification(Fixtures.text("cloudwatch/alarm.json"), "2");

            assertThatThrownBy(() -> normalize(normalizer, message, Map.of())).isInstanceOfSatisfying(Rejected.class,
                    e -> assertThat(e.getMessage()).contains(reason));
        }
    }

    @Test
    void aSubscriptionIsConfirmedAtItsSnsUrlAndPagesNobody() {
        String subscribe = "https://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=" + LocalSns.TOPIC
                + "&Token=2336412f37fb";

        List<Alert> alerts = normalize(sns.subscriptionConfirmation(subscribe), Map.of());

        assertThat(alerts).isEmpty();
        assertThat(sns.requests()).contains("/?Action=ConfirmSubscription&TopicArn=" + LocalSns.TOPIC
                + "&Token=2336412f37fb");
    }

    @Test
    void aSubscribeUrlOutsideSnsIsNeverFetched() {
        assertRefused(sns.subscriptionConfirmation("https://evil.example.org/?Action=ConfirmSubscription&Token=evil"),
                "SubscribeURL");
        assertThat(sns.requests()).noneMatch(request -> request.contains("Token=evil"));
    }

    @Test
    void topicsOutsideTheIntegrationsListAreRefused() {
        String message = sns.notification(Fixtures.text("cloudwatch/alarm.json"), "2");

        assertThatThrownBy(() -> normalize(message, Map.of(IntegrationSettings.CLOUDWATCH_TOPIC_ARNS,
                "arn:aws:sns:eu-west-1:123456789012:other"))).isInstanceOf(Rejected.class)
                .hasMessageContaining("is not one this integration accepts");
        assertThat(normalize(message, Map.of(IntegrationSettings.CLOUDWATCH_TOPIC_ARNS,
                "arn:aws:sns:eu-west-1:123456789012:other, " + LocalSns.TOPIC))).hasSize(1);
    }

    private void assertRefused(String message, String reason) {
        assertThatThrownBy(() -> normalize(message, Map.of())).isInstanceOfSatisfying(Rejected.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.SIGNATURE_INVALID);
            assertThat(e.getMessage()).contains(reason);
        });
    }

    private static List<Alert> normalize(String message, Map<String, String> settings) {
        return normalize(normalizer(sns), message, settings);
    }

    private static List<Alert> normalize(CloudWatchNormalizer normalizer, String message,
            Map<String, String> settings) {
        return normalizer.normalize(Payload.ofJson(message, JsonMapper.shared().readTree(message)),
                Fixtures.integration(IntegrationType.CLOUDWATCH, settings), RECEIVED_AT);
    }

    private static CloudWatchNormalizer normalizer(LocalSns sns) {
        Clock now = Clock.systemUTC().withZone(ZoneOffset.UTC);
        return new CloudWatchNormalizer(new SnsMessages(sns.http(), now), sns.http(), JsonMapper.shared());
    }
}
