package io.tocsin.notifier.slack;

import static io.tocsin.notifier.TestPages.toContact;
import static io.tocsin.notifier.TestPages.toSlackChannel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.slack.api.app_backend.SlackSignature;
import io.tocsin.contracts.Channel;
import io.tocsin.contracts.IncidentCommand;
import io.tocsin.contracts.IncidentCommand.CommandType;
import io.tocsin.contracts.IncidentStatus;
import io.tocsin.contracts.NotificationRequested;
import io.tocsin.notifier.NotifierIntegrationTestBase;
import io.tocsin.notifier.directory.Contact;
import io.tocsin.testkit.FakeSlack.SlackPost;
import io.tocsin.testkit.FakeSlack.SlackResponse;
import io.tocsin.testkit.SlackClicks;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Slack buttons end to end: pages posted with them through the real Slack SDK at the fake Slack, signed clicks
 * posted to the notifier over HTTP becoming commands on tocsin.commands.v1, and the messages updated when the
 * incident changes.
 */
@ExtendWith(OutputCaptureExtension.class)
class SlackButtonsIntegrationTest extends NotifierIntegrationTestBase {

    private SlackClicks clicks;

    @BeforeEach
    void clicksGoToTheNotifier() {
        clicks = new SlackClicks(local("/webhooks/slack/interactions"), slack.signingSecret());
    }

    @AfterEach
    void noFailureLeftForTheNextTest() {
        slack.reset();
    }

    @Test
    void aPagePostedInSlackCarriesTheIncidentsButtonsAndNumber() {
        NotificationRequested page = paged(toSlackChannel("C0OPS00001", "Queue backlog " + UUID.randomUUID()));

        SlackPost post = postOf(page);

        JsonNode actions = block(post.blocks(), "actions");
        assertThat(actions.path("block_id").asString()).isEqualTo("tocsin_actions");
        assertThat(actions.path("elements").valueStream().map(button -> button.path("action_id").asString()))
                .containsExactly("tocsin_acknowledge", "tocsin_resolve", "tocsin_escalate");
        assertThat(actions.path("elements").valueStream().map(button -> button.path("value").asString()))
                .containsOnly(page.incidentId().toString());
        assertThat(post.blocks()).contains("*Incident*\\n#" + page.incidentNumber());
        assertThat(post.text()).startsWith("Tocsin #" + page.incidentNumber() + ": ");
    }

    @Test
    void aSignedClickAcknowledgesAsTheTocsinUserWhoseSlackMemberClicked() {
        Contact alice = contact("Alice", Channel.SLACK, member());
        NotificationRequested page = paged(toSlackChannel("C0OPS00001", "Checkout down " + UUID.randomUUID()));
        SlackClicks.Click click = SlackClicks.Click.of(alice.address(), page.incidentId(), "tocsin_acknowledge",
                slack.responseUrl());

        HttpResponse<String> response = clicks.send(click);

        assertThat(response.statusCode()).isEqualTo(200);
        IncidentCommand command = await().atMost(A_MOMENT).until(() -> commandsFor(page.incidentId()),
                commands -> !commands.isEmpty()).getFirst();
        assertThat(command.type()).isEqualTo(CommandType.ACKNOWLEDGE);
        assertThat(command.userId()).isEqualTo(alice.userId());
        assertThat(command.actor()).isEqualTo("Alice");
        assertThat(command.via()).isEqualTo(Channel.SLACK);
        assertThat(responsesTo(click)).isEmpty();
    }

    @Test
    void theSameClickTwiceIsTheSameCommand() {
        Contact alice = contact("Alice", Channel.SLACK, member());
        NotificationRequested page = paged(toSlackChannel("C0OPS00001", "Checkout down " + UUID.randomUUID()));
        SlackClicks.Click click = SlackClicks.Click.of(alice.address(), page.incidentId(), "tocsin_resolve",
                slack.responseUrl());

        assertThat(clicks.send(click).statusCode()).isEqualTo(200);
        assertThat(clicks.send(click).statusCode()).isEqualTo(200);

        List<IncidentCommand> commands = await().atMost(A_MOMENT).until(() -> commandsFor(page.incidentId()),
                sent -> sent.size() == 2);
        // routing applies a command id once: the repeat changes nothing
        assertThat(commands).extracting(IncidentCommand::id).containsOnly(commands.getFirst().id());
        assertThat(commands.getFirst().type()).isEqualTo(CommandType.RESOLVE);
    }

    @Test
    void escalateIsACommandToo() {
        Contact alice = contact("Alice", Channel.SLACK, member());
        NotificationRequested page = paged(toSlackChannel("C0OPS00001", "Checkout down " + UUID.randomUUID()));

        clicks.send(SlackClicks.Click.of(alice.address(), page.incidentId(), "tocsin_escalate", slack.responseUrl()));

        assertThat(await().atMost(A_MOMENT).until(() -> commandsFor(page.incidentId()), sent -> !sent.isEmpty())
                .getFirst().type()).isEqualTo(CommandType.ESCALATE);
        // an escalation changes no state routing announces: the message itself says the click was taken
        SlackPost posted = postOf(page);
        SlackPost updated = await().atMost(A_MOMENT).until(() -> slack.updates().stream()
                .filter(update -> update.ts().equals(posted.ts())).findFirst().orElse(null), update -> update != null);
        assertThat(updated.blocks()).contains("Escalation to the next level asked for by Alice via Slack")
                .contains("tocsin_escalate");
    }

    @Test
    void aForgedSignatureIsRefusedAndChangesNothing(CapturedOutput output) {
        Contact alice = contact("Alice", Channel.SLACK, member());
        NotificationRequested page = paged(toSlackChannel("C0OPS00001", "Forged " + UUID.randomUUID()));
        SlackClicks.Click click = SlackClicks.Click.of(alice.address(), page.incidentId(), "tocsin_acknowledge",
                slack.responseUrl());
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        String forged = new SlackSignature.Generator("not-the-signing-secret")
                .generate(timestamp, click.body());

        HttpResponse<String> response = clicks.send(click.body(), timestamp, forged);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(JsonMapper.shared().readTree(response.body()).path("detail").asString())
                .contains("X-Slack-Signature does not match");
        assertNothingChangedBy(page, alice);
        assertThat(output.getAll()).doesNotContain(slack.signingSecret());
    }

    @Test
    void anUnsignedRequestIsRefusedAsAForgedOneIs() {
        Contact alice = contact("Alice", Channel.SLACK, member());
        NotificationRequested page = paged(toSlackChannel("C0OPS00001", "Unsigned " + UUID.randomUUID()));
        SlackClicks.Click click = SlackClicks.Click.of(alice.address(), page.incidentId(), "tocsin_acknowledge",
                slack.responseUrl());

        HttpResponse<String> response = clicks.send(click.body(), null, null);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json;charset=UTF-8");
        JsonNode problem = JsonMapper.shared().readTree(response.body());
        assertThat(problem.path("type").asString()).isEqualTo("urn:tocsin:problem:signature-refused");
        assertThat(problem.path("detail").asString()).contains("X-Slack-Signature");
        assertNothingChangedBy(page, alice);
    }

    @ParameterizedTest
    @ValueSource(ints = {-6, 6})
    void aClickSignedSixMinutesAwayIsRefusedAsAReplay(int minutes) {
        Contact alice = contact("Alice", Channel.SLACK, member());
        NotificationRequested page = paged(toSlackChannel("C0OPS00001", "Replayed " + UUID.randomUUID()));
        SlackClicks.Click click = SlackClicks.Click.of(alice.address(), page.incidentId(), "tocsin_acknowledge",
                slack.responseUrl());

        HttpResponse<String> response = clicks.send(click.body(), Instant.now().plus(Duration.ofMinutes(minutes)));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("more than 5 minutes");
        assertNothingChangedBy(page, alice);
    }

    @Test
    void anUnlinkedMemberIsToldHowToLinkAndNothingChanges() {
        Contact alice = contact("Alice", Channel.SLACK, member());
        NotificationRequested page = paged(toSlackChannel("C0OPS00001", "Stranger " + UUID.randomUUID()));
        String stranger = member();
        SlackClicks.Click click = SlackClicks.Click.of(stranger, page.incidentId(), "tocsin_acknowledge",
                slack.responseUrl());

        assertThat(clicks.send(click).statusCode()).isEqualTo(200);

        SlackResponse answer = await().atMost(A_MOMENT).until(() -> responsesTo(click), r -> !r.isEmpty()).getFirst();
        assertThat(answer.responseType()).isEqualTo("ephemeral");
        assertThat(answer.replaceOriginal()).isFalse();
        assertThat(answer.text()).contains("Your Slack account is not linked to a Tocsin user")
                .contains("add your member ID " + stranger + " as a Slack contact method");
        assertNothingChangedBy(page, alice);
    }

    @Test
    void aClickOnAnIncidentAlreadyResolvedSaysByWhomAndIssuesNothing() {
        Contact alice = contact("Alice", Channel.SLACK, member());
        NotificationRequested page = paged(toSlackChannel("C0OPS00001", "Fixed already " + UUID.randomUUID()));
        incidentChanged(page, IncidentStatus.RESOLVED, "Bob", "SMS");
        SlackClicks.Click click = SlackClicks.Click.of(alice.address(), page.incidentId(), "tocsin_acknowledge",
                slack.responseUrl());

        assertThat(clicks.send(click).statusCode()).isEqualTo(200);

        SlackResponse answer = await().atMost(A_MOMENT).until(() -> responsesTo(click), r -> !r.isEmpty()).getFirst();
        assertThat(answer.text()).isEqualTo("#" + page.incidentNumber() + " is already resolved by Bob via SMS:"
                + " nothing to do.");
        assertThat(commandsFor(page.incidentId())).isEmpty();
    }

    @Test
    void anAcknowledgementUpdatesThePostedMessageForEveryone() {
        NotificationRequested page = paged(toSlackChannel("C0OPS00001", "Payments slow " + UUID.randomUUID()));
        SlackPost post = postOf(page);

        incidentChanged(page, IncidentStatus.ACKNOWLEDGED, "Alice", "SLACK");

        SlackPost update = await().atMost(A_MOMENT).until(() -> updateOf(post), u -> u != null);
        assertThat(update.channel()).isEqualTo("C0OPS00001");
        assertThat(update.text()).contains("Acknowledged by Alice via Slack");
        assertThat(contextTexts(update)).containsExactly(":eyes: *Acknowledged by Alice via Slack*");
        assertThat(actionIds(update)).containsExactly("tocsin_resolve");
        assertThat(update.blocks()).contains(page.summary());
    }

    @Test
    void aResolvedIncidentLeavesItsDirectMessageWithoutButtons() {
        Contact alice = contact("Alice", Channel.SLACK, member());
        NotificationRequested page = paged(toContact(alice, "Search index stale " + UUID.randomUUID()));
        SlackPost post = postOf(page);
        String conversation = stored(page).providerId().split(":")[0];

        incidentChanged(page, IncidentStatus.RESOLVED, "Bob", "SMS");

        SlackPost update = await().atMost(A_MOMENT).until(() -> updateOf(post), u -> u != null);
        // the DM is updated in its own conversation, which Slack named when the page was posted
        assertThat(update.channel()).isEqualTo(conversation);
        assertThat(contextTexts(update)).containsExactly(":white_check_mark: *Resolved by Bob via SMS*");
        assertThat(actionIds(update)).isEmpty();
        assertThat(update.blocks()).contains("*Paged*\\nAlice");
    }

    @Test
    void anUpdateSlackRefusesIsLoggedAndTheNextChangeStillUpdates(CapturedOutput output) {
        NotificationRequested page = paged(toSlackChannel("C0OPS00001", "Flaky " + UUID.randomUUID()));
        SlackPost post = postOf(page);
        slack.failNext(1, 200, "cant_update_message");

        incidentChanged(page, IncidentStatus.ACKNOWLEDGED, "Alice", "SLACK");
        await().atMost(A_MOMENT).until(() -> output.getAll().contains("incident=" + page.incidentId()
                + " slack message=" + stored(page).providerId() + " not updated: Slack error cant_update_message"));
        incidentChanged(page, IncidentStatus.RESOLVED, "Alice", "SLACK");

        SlackPost update = await().atMost(A_MOMENT).until(() -> updateOf(post), u -> u != null);
        assertThat(contextTexts(update)).containsExactly(":white_check_mark: *Resolved by Alice via Slack*");
    }

    /**
     * Proves a refused click issued nothing: a genuine click on the same incident afterwards is the only command
     * (commands of one incident share a partition, so the refused one would have arrived first).
     */
    private void assertNothingChangedBy(NotificationRequested page, Contact responder) {
        SlackClicks.Click genuine = SlackClicks.Click.of(responder.address(), page.incidentId(), "tocsin_resolve",
                slack.responseUrl());
        assertThat(clicks.send(genuine).statusCode()).isEqualTo(200);
        List<IncidentCommand> commands = await().atMost(A_MOMENT).until(() -> commandsFor(page.incidentId()),
                sent -> !sent.isEmpty());
        assertThat(commands).singleElement().extracting(IncidentCommand::type).isEqualTo(CommandType.RESOLVE);
    }

    private NotificationRequested paged(NotificationRequested page) {
        request(page);
        await().atMost(A_MOMENT).until(() -> stored(page) != null && "SENT".equals(stored(page).status()));
        return page;
    }

    private static SlackPost postOf(NotificationRequested page) {
        return await().atMost(A_MOMENT).until(() -> slack.posts().stream()
                .filter(p -> p.text().contains(page.summary())).findFirst().orElse(null), p -> p != null);
    }

    private static SlackPost updateOf(SlackPost post) {
        List<SlackPost> updates = slack.updates().stream().filter(u -> u.ts().equals(post.ts())).toList();
        return updates.isEmpty() ? null : updates.getLast();
    }

    private static List<SlackResponse> responsesTo(SlackClicks.Click click) {
        return slack.responses().stream().filter(r -> r.url().equals(click.responseUrl())).toList();
    }

    private static String member() {
        return "U0" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, Long.MAX_VALUE), 36).toUpperCase();
    }

    private static JsonNode block(String blocks, String type) {
        for (JsonNode block : JsonMapper.shared().readTree(blocks)) {
            if (block.path("type").asString().equals(type)) {
                return block;
            }
        }
        return JsonMapper.shared().missingNode();
    }

    private static List<String> actionIds(SlackPost post) {
        List<String> ids = new ArrayList<>();
        block(post.blocks(), "actions").path("elements").forEach(button -> ids.add(button.path("action_id").asString()));
        return ids;
    }

    private static List<String> contextTexts(SlackPost post) {
        List<String> texts = new ArrayList<>();
        block(post.blocks(), "context").path("elements").forEach(element -> texts.add(element.path("text").asString()));
        return texts;
    }
}
