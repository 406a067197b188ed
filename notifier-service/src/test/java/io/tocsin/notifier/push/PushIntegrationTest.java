package io.tocsin.notifier.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tocsin.contracts.Channel;
import io.tocsin.contracts.DeliveryReported;
import io.tocsin.contracts.DeliveryReported.DeliveryStatus;
import io.tocsin.contracts.IncidentCommand;
import io.tocsin.contracts.IncidentCommand.CommandType;
import io.tocsin.contracts.IncidentStatus;
import io.tocsin.contracts.NotificationRequested;
import io.tocsin.notifier.NotifierIntegrationTestBase;
import io.tocsin.notifier.TestPages;
import io.tocsin.notifier.directory.Contact;
import io.tocsin.testkit.FakeNtfy.Action;
import io.tocsin.testkit.FakeNtfy.Published;
import io.tocsin.testkit.TestHttp;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A page to a PUSH contact method arrives at ntfy as a high-priority message with Acknowledge and Resolve buttons;
 * a button acknowledges as the person paged, a changed or expired button does nothing.
 */
class PushIntegrationTest extends NotifierIntegrationTestBase {

    private static final String TOKEN = "tk_AgQdq7mVBoFD37zQVN29RhuMzNIz2";

    @Test
    void aPageArrivesAtNtfyWithHighPriorityTheTokenAndTheButtons() {
        String topic = "tocsin-ada-" + UUID.randomUUID();
        ntfy.protect(topic, TOKEN);
        Contact ada = contact("Ada", Channel.PUSH, ntfy.topicUrl(topic));
        NotificationRequested page = withToken(TestPages.toContact(ada, "Checkout down"), TOKEN);

        request(page);

        DeliveryReported sent = reportOf(page);
        assertThat(sent.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(sent.detail()).isEqualTo("published to ntfy at 127.0.0.1");
        Published message = ntfy.publishedTo(topic).getFirst();
        assertThat(message.priority()).isEqualTo(5);
        assertThat(message.authorization()).isEqualTo("Bearer " + TOKEN);
        assertThat(message.title()).isEqualTo("Tocsin #" + page.incidentNumber() + ": Search");
        assertThat(message.message()).contains("Checkout down");
        assertThat(message.actions()).extracting(Action::label).containsExactly("Acknowledge", "Resolve");
        assertThat(message.action("Acknowledge").action()).isEqualTo("http");
        assertThat(message.action("Acknowledge").method()).isEqualTo("POST");
        assertThat(message.action("Acknowledge").url()).startsWith(PUBLIC_URL + "/push/");
        assertThat(message.action("Acknowledge").url()).doesNotContain(TOKEN);
    }

    @Test
    void theAcknowledgeButtonAcknowledgesAsThePersonPagedAndASecondPressSaysItIsDone() {
        Contact bo = contact("Bo", Channel.PUSH, ntfy.topicUrl("tocsin-bo-" + UUID.randomUUID()));
        NotificationRequested page = TestPages.toContact(bo, "Queue backlog");
        Action acknowledge = pushed(page).action("Acknowledge");

        HttpResponse<String> pressed = press(acknowledge);

        assertThat(pressed.statusCode()).isEqualTo(200);
        assertThat(pressed.body()).contains("Acknowledged #" + page.incidentNumber() + " by Bo");
        await().atMost(A_MOMENT).until(() -> commandsFor(page.incidentId()).size() == 1);
        IncidentCommand command = commandsFor(page.incidentId()).getFirst();
        assertThat(command.type()).isEqualTo(CommandType.ACKNOWLEDGE);
        assertThat(command.via()).isEqualTo(Channel.PUSH);
        assertThat(command.userId()).isEqualTo(bo.userId());

        incidentChanged(page, IncidentStatus.ACKNOWLEDGED, "Bo", "PUSH");
        HttpResponse<String> again = press(acknowledge);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("is already acknowledged by Bo via push notification");
        assertThat(commandsFor(page.incidentId())).hasSize(1);
    }

    @Test
    void aChangedButtonIsRefusedAndChangesNothingAndAnExpiredOneIsGone() {
        Contact cy = contact("Cy", Channel.PUSH, ntfy.topicUrl("tocsin-cy-" + UUID.randomUUID()));
        NotificationRequested page = TestPages.toContact(cy, "Disk full");
        Action resolve = pushed(page).action("Resolve");
        String url = resolve.url();
        char last = url.charAt(url.length() - 3);
        String tampered = url.substring(0, url.length() - 3) + (last == 'A' ? 'B' : 'A') + url.substring(url.length() - 2);

        HttpResponse<String> forged = press(new Action("http", "Resolve", tampered, "POST", false));

        assertThat(forged.statusCode()).isEqualTo(404);
        assertThat(forged.body()).contains("This link is not valid").contains("Nothing was done");
        clock.advance(Duration.ofHours(25));
        HttpResponse<String> expired = press(resolve);
        assertThat(expired.statusCode()).isEqualTo(410);
        assertThat(expired.body()).contains("expired");
        assertThat(commandsFor(page.incidentId())).isEmpty();
    }

    @Test
    void ntfyRateLimitingThePageIsHonouredUntilItsRetryAfter() {
        String topic = "tocsin-di-" + UUID.randomUUID();
        Contact di = contact("Di", Channel.PUSH, ntfy.topicUrl(topic));
        NotificationRequested page = TestPages.toContact(di, "Rate limited");
        ntfy.rateLimitNext(1, Duration.ofSeconds(120));

        request(page);

        DeliveryReported retrying = reportOf(page);
        assertThat(retrying.status()).isEqualTo(DeliveryStatus.RETRYING);
        assertThat(retrying.detail()).contains("ntfy at 127.0.0.1 answered HTTP 429").contains("next attempt in 2 min");
        clock.advance(Duration.ofSeconds(120));
        await().atMost(A_MOMENT).until(() -> reportsOf(page).size() == 2);
        assertThat(reportsOf(page).getLast().status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(ntfy.publishedTo(topic)).hasSize(1);
    }

    @Test
    void aProtectedTopicRefusingThePageFailsItSayingWhatToFix() {
        String topic = "tocsin-ed-" + UUID.randomUUID();
        ntfy.protect(topic, TOKEN);
        Contact ed = contact("Ed", Channel.PUSH, ntfy.topicUrl(topic));
        NotificationRequested page = withToken(TestPages.toContact(ed, "Wrong token"), "tk_not_the_right_one");

        request(page);

        DeliveryReported failed = reportOf(page);
        assertThat(failed.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(failed.detail()).contains("HTTP 403").contains("refused the contact method's access token")
                .doesNotContain("tk_");
    }

    /** Requests the page and answers the message ntfy got for it. */
    private static Published pushed(NotificationRequested page) {
        request(page);
        assertThat(reportOf(page).status()).isEqualTo(DeliveryStatus.SENT);
        String topic = page.address().substring(page.address().lastIndexOf('/') + 1);
        return ntfy.publishedTo(topic).getFirst();
    }

    private HttpResponse<String> press(Action action) {
        assertThat(action.url()).startsWith(PUBLIC_URL);
        return TestHttp.send(HttpRequest.newBuilder(URI.create(local(action.url().substring(PUBLIC_URL.length()))))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private static NotificationRequested withToken(NotificationRequested p, String token) {
        return new NotificationRequested(p.id(), p.schemaVersion(), p.incidentId(), p.userId(), p.userName(),
                p.contactMethodId(), p.channel(), p.address(), p.serviceName(), p.summary(), p.severity(), p.urgency(),
                p.requestedAt(), p.incidentNumber(), p.source(), p.details(), p.purpose(), p.code(), p.link(),
                SECRETS.seal(token));
    }
}
