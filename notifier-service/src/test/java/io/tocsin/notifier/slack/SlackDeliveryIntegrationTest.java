package io.tocsin.notifier.slack;

import static io.tocsin.notifier.TestPages.toSlackChannel;
import static io.tocsin.notifier.TestPages.toUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tocsin.contracts.Channel;
import io.tocsin.contracts.DeliveryReported;
import io.tocsin.contracts.DeliveryReported.DeliveryStatus;
import io.tocsin.contracts.NotificationRequested;
import io.tocsin.notifier.NotifierIntegrationTestBase;
import io.tocsin.testkit.FakeSlack.SlackPost;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.json.JsonMapper;

/** The notifier paging in Slack through the real Slack SDK against a fake Slack Web API. */
@ExtendWith(OutputCaptureExtension.class)
class SlackDeliveryIntegrationTest extends NotifierIntegrationTestBase {

    @AfterEach
    void noFailureLeftForTheNextTest() {
        slack.reset();
    }

    @Test
    void aPageToAChannelIsPostedThereWithItsSummaryAndReportedSent(CapturedOutput output) {
        NotificationRequested page = toSlackChannel("C0OPS00001", "Checkout 5xx above 5% " + UUID.randomUUID());

        request(page);

        SlackPost post = await().atMost(A_MOMENT).until(() -> postOf(page), p -> p != null);
        assertThat(post.channel()).isEqualTo("C0OPS00001");
        assertThat(post.text()).contains("[CRITICAL] " + page.summary()).contains("service Search");
        assertThat(blockTexts(post)).anySatisfy(text -> assertThat(text).contains(page.summary()))
                .contains("*Severity*\nCritical", "*Service*\nSearch", "*Paged*\n<#C0OPS00001>",
                        "*Incident*\n#" + page.incidentNumber());
        DeliveryReported report = reportOf(page);
        assertThat(report.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(report.detail()).isNull();
        assertThat(report.toString()).doesNotContain(slack.botToken());
        // channel and ts name the message, for the update that an acknowledgement will make
        assertThat(stored(page).providerId()).isEqualTo("C0OPS00001:" + post.ts());
        assertThat(output.getAll()).contains("provider_id=C0OPS00001:" + post.ts()).doesNotContain(slack.botToken());
    }

    @Test
    void aPageToAUsersSlackContactMethodGoesToTheirMemberIdAndNamesThem(CapturedOutput output) {
        NotificationRequested page = toUser(Channel.SLACK, "U0HEDY0001", "Search index stale " + UUID.randomUUID());

        request(page);

        SlackPost post = await().atMost(A_MOMENT).until(() -> postOf(page), p -> p != null);
        assertThat(post.channel()).isEqualTo("U0HEDY0001");
        assertThat(blockTexts(post)).contains("*Paged*\nHedy");
        assertThat(reportOf(page).status()).isEqualTo(DeliveryStatus.SENT);
        // Slack answers a member ID with the direct message's own conversation ID
        assertThat(stored(page).providerId()).matches("[CD][A-Z0-9]+:" + post.ts().replace(".", "\\."));
        assertThat(output.getAll()).doesNotContain(slack.botToken());
    }

    @Test
    void aChannelSlackCannotFindFailsForGoodWithWhatAnAdminCanDo(CapturedOutput output) {
        NotificationRequested page = toSlackChannel("C0GONE0001", "Nobody sees this " + UUID.randomUUID());
        slack.failNext(1, 200, "channel_not_found");

        request(page);

        DeliveryReported report = reportOf(page);
        assertThat(report.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(report.detail()).contains("channel_not_found posting to C0GONE0001").contains("invite the Tocsin app");
        assertThat(stored(page).status()).isEqualTo("FAILED");
        assertThat(slack.posts()).isEmpty();
        assertThat(output.getAll()).contains("failed (permanent): Slack error channel_not_found posting to C0GONE0001")
                .doesNotContain(slack.botToken());
    }

    @Test
    void aRateLimitedPostIsRetriedWhenSlackSaysSo(CapturedOutput output) {
        NotificationRequested page = toSlackChannel("C0OPS00001", "Too many pages " + UUID.randomUUID());
        slack.failNext(1, 429, "ratelimited");

        request(page);

        DeliveryReported report = reportOf(page);
        assertThat(report.status()).isEqualTo(DeliveryStatus.RETRYING);
        assertThat(report.detail()).contains("rate limit").contains("retry after 1 s").contains("next attempt in 1 s");
        assertThat(output.getAll()).contains("failed (temporary): Slack rate limit").doesNotContain(slack.botToken());

        clock.advance(Duration.ofSeconds(1));

        await().atMost(A_MOMENT).until(() -> reportsOf(page).size() == 2);
        assertThat(reportsOf(page).getLast().status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(reportsOf(page).getLast().attempt()).isEqualTo(2);
        assertThat(slack.posts()).filteredOn(post -> post.text().contains(page.summary())).hasSize(1);
    }

    private static SlackPost postOf(NotificationRequested page) {
        return slack.posts().stream().filter(p -> p.text().contains(page.summary())).findFirst().orElse(null);
    }

    /** Every text in the post's blocks, as Slack would render them (the SDK sends < and > as JSON escapes). */
    private static List<String> blockTexts(SlackPost post) {
        List<String> texts = new ArrayList<>();
        JsonMapper.shared().readTree(post.blocks()).forEach(block -> {
            texts.add(block.path("text").path("text").asString());
            block.path("fields").forEach(field -> texts.add(field.path("text").asString()));
        });
        return texts;
    }
}
