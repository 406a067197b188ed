package io.tocsin.notifier.webhook;

import static io.tocsin.notifier.TestPages.toUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tocsin.contracts.Channel;
import io.tocsin.contracts.DeliveryReported;
import io.tocsin.contracts.DeliveryReported.DeliveryStatus;
import io.tocsin.contracts.NotificationRequested;
import io.tocsin.notifier.NotifierIntegrationTestBase;
import io.tocsin.notifier.webhook.WebhookReceiver.Post;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Pages posted as signed JSON to a receiver on 127.0.0.1, which the tests' allow-list lets Tocsin call. */
class WebhookIntegrationTest extends NotifierIntegrationTestBase {

    private WebhookReceiver receiver;

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = new WebhookReceiver(WEBHOOK_SECRET);
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void aPageIsPostedAsJsonSignedWithTheSharedSecret() {
        NotificationRequested page = toUser(Channel.WEBHOOK, receiver.url("/hooks/tocsin?token=receivers-own"),
                "Checkout 5xx " + UUID.randomUUID());

        request(page);

        // the timeline names where the page went, without the path and its token
        assertThat(reportOf(page)).extracting(DeliveryReported::status, DeliveryReported::detail).containsExactly(
                DeliveryStatus.SENT, "posted to " + receiver.url(""));
        Post post = receiver.posts().getFirst();
        assertThat(post.signatureValid()).isTrue();
        // plain HTTP/1.1 over http: no h2c upgrade offered to the receiver
        assertThat(post.header("Upgrade")).isNull();
        assertThat(post.header("HTTP2-Settings")).isNull();
        assertThat(post.header("X-Tocsin-Event")).isEqualTo("incident.triggered");
        assertThat(post.header("X-Tocsin-Delivery")).isEqualTo(page.id().toString());
        assertThat(post.header("Content-Type")).isEqualTo("application/json");
        JsonNode json = JsonMapper.shared().readTree(post.body());
        assertThat(json.path("event").asString()).isEqualTo("incident.triggered");
        assertThat(json.path("notificationId").asString()).isEqualTo(page.id().toString());
        assertThat(json.path("requestedAt").asString()).isNotBlank();
        JsonNode incident = json.path("incident");
        assertThat(incident.path("id").asString()).isEqualTo(page.incidentId().toString());
        assertThat(incident.path("number").asLong()).isEqualTo(page.incidentNumber());
        assertThat(incident.path("status").asString()).isEqualTo("triggered");
        assertThat(incident.path("summary").asString()).isEqualTo(page.summary());
        assertThat(incident.path("severity").asString()).isEqualTo("critical");
        assertThat(incident.path("urgency").asString()).isEqualTo("high");
        assertThat(incident.path("service").asString()).isEqualTo("Search");
        assertThat(incident.path("source").asString()).isEqualTo("search-1");
        assertThat(incident.path("details").isObject()).isTrue();
    }

    @Test
    void aBusyReceiverGetsThePageAgainWhenItsRetryAfterSays() {
        NotificationRequested page = toUser(Channel.WEBHOOK, receiver.url("/hooks/busy"), "Busy " + UUID.randomUUID());
        receiver.answerNext(503, Map.of("Retry-After", "120"));

        request(page);

        DeliveryReported retrying = reportOf(page);
        assertThat(retrying.status()).isEqualTo(DeliveryStatus.RETRYING);
        assertThat(retrying.detail()).contains("answered HTTP 503").contains("next attempt in 2 min")
                .doesNotContain("/hooks/busy");
        clock.advance(Duration.ofSeconds(120));
        await().atMost(A_MOMENT).until(() -> reportsOf(page).size() == 2);
        assertThat(reportsOf(page).getLast().status()).isEqualTo(DeliveryStatus.SENT);
        // the same notification id on both posts: a receiver can tell a retry from a new page
        assertThat(receiver.posts()).extracting(post -> post.header("X-Tocsin-Delivery"))
                .containsExactly(page.id().toString(), page.id().toString());
        assertThat(receiver.posts()).extracting(Post::signatureValid).containsOnly(true);
    }

    @Test
    void aReceiverThatRefusesThePageFailsItForGood() {
        NotificationRequested page = toUser(Channel.WEBHOOK, receiver.url("/hooks/gone"), "Gone " + UUID.randomUUID());
        receiver.answerNext(404, Map.of());

        request(page);

        DeliveryReported failed = reportOf(page);
        assertThat(failed.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(failed.detail()).contains("the webhook at 127.0.0.1 answered HTTP 404");
    }

    @Test
    void aRedirectIsNotFollowed() {
        NotificationRequested page = toUser(Channel.WEBHOOK, receiver.url("/hooks/moved"), "Moved " + UUID.randomUUID());
        receiver.answerNext(302, Map.of("Location", "http://169.254.169.254/latest/meta-data/"));

        request(page);

        DeliveryReported failed = reportOf(page);
        assertThat(failed.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(failed.detail()).contains("HTTP 302, a redirect, which Tocsin does not follow");
        assertThat(receiver.posts()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://10.1.2.3/hook", "http://169.254.169.254/latest/meta-data/", "http://[::1]:9/hook",
            "http://192.168.1.20/hook", "http://0.0.0.0:9/hook"})
    void addressesInsideTheNetworkAreRefusedUnlessAllowed(String url) {
        NotificationRequested page = toUser(Channel.WEBHOOK, url, "Probe " + UUID.randomUUID());

        request(page);

        DeliveryReported failed = reportOf(page);
        assertThat(failed.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(failed.detail()).startsWith("refused to call").contains("tocsin.notifier.webhook.allowed-hosts");
        assertThat(List.of(failed.detail())).noneMatch(detail -> detail.contains("/hook"));
    }
}
