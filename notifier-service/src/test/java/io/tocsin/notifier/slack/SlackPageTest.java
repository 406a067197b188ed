package io.tocsin.notifier.slack;

import static io.tocsin.notifier.TestPages.toSlackChannel;
import static io.tocsin.notifier.TestPages.toUser;
import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.composition.TextObject;
import com.slack.api.model.block.element.ButtonElement;
import io.tocsin.contracts.Channel;
import io.tocsin.contracts.IncidentStatus;
import io.tocsin.contracts.NotificationRequested;
import io.tocsin.notifier.incident.KnownIncident;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SlackPageTest {

    @Test
    void aChannelPageLinksTheChannelAsWhatIsPagedAndShowsTheIncidentNumber() {
        NotificationRequested page = toSlackChannel("C0OPS00001", "Disk full on db-1");

        assertThat(texts(SlackPage.blocks(page, null, null))).containsExactly(
                ":red_circle: *Disk full on db-1*",
                "*Severity*\nCritical",
                "*Service*\nSearch",
                "*Incident*\n#" + page.incidentNumber(),
                "*Paged*\n<#C0OPS00001>");
    }

    @Test
    void theIncidentNumberLinksToItsConsolePageWhenTheConsoleIsKnown() {
        NotificationRequested page = toSlackChannel("C0OPS00001", "Disk full on db-1");
        String link = "https://tocsin.example.test/ui/incidents/" + page.incidentId();

        assertThat(texts(SlackPage.blocks(page, null, link)))
                .contains("*Incident*\n<" + link + "|#" + page.incidentNumber() + ">");
    }

    @Test
    void aPageWithoutANumberNamesTheIncidentByTheStartOfItsId() {
        NotificationRequested numbered = toSlackChannel("C0OPS00001", "Disk full on db-1");
        NotificationRequested page = new NotificationRequested(numbered.id(), numbered.schemaVersion(),
                numbered.incidentId(), null, null, null, Channel.SLACK, "C0OPS00001", "Search", "Disk full on db-1",
                numbered.severity(), numbered.urgency(), numbered.requestedAt(), null, null, null);

        assertThat(texts(SlackPage.blocks(page, null, null)))
                .contains("*Incident*\n" + page.incidentId().toString().substring(0, 8));
    }

    @Test
    void aNewPageOffersAcknowledgeResolveAndEscalateForItsIncident() {
        NotificationRequested page = toSlackChannel("C0OPS00001", "Disk full on db-1");

        List<ButtonElement> buttons = buttons(SlackPage.blocks(page, null, null));

        assertThat(buttons).extracting(ButtonElement::getActionId)
                .containsExactly("tocsin_acknowledge", "tocsin_resolve", "tocsin_escalate");
        assertThat(buttons).extracting(button -> button.getText().getText())
                .containsExactly("Acknowledge", "Resolve", "Escalate");
        assertThat(buttons).extracting(ButtonElement::getValue).containsOnly(page.incidentId().toString());
        // escalating pages the next level at once: Slack asks the clicker to confirm
        assertThat(buttons.get(2).getConfirm()).isNotNull();
        assertThat(buttons.get(0).getConfirm()).isNull();
    }

    @Test
    void anAcknowledgedIncidentSaysWhoAcknowledgedItAndOffersOnlyResolve() {
        NotificationRequested page = toUser(Channel.SLACK, "U0HEDY0001", "Disk full on db-1");
        KnownIncident state = known(page, IncidentStatus.ACKNOWLEDGED, "Alice", "SLACK");

        List<LayoutBlock> blocks = SlackPage.blocks(page, state, null);

        assertThat(contexts(blocks)).containsExactly(":eyes: *Acknowledged by Alice via Slack*");
        assertThat(buttons(blocks)).extracting(ButtonElement::getActionId).containsExactly("tocsin_resolve");
    }

    @Test
    void aResolvedIncidentHasNoButtonsLeft() {
        NotificationRequested page = toSlackChannel("C0OPS00001", "Disk full on db-1");
        KnownIncident state = known(page, IncidentStatus.RESOLVED, "Bob", "SMS");

        List<LayoutBlock> blocks = SlackPage.blocks(page, state, null);

        assertThat(contexts(blocks)).containsExactly(":white_check_mark: *Resolved by Bob via SMS*");
        assertThat(blocks).noneMatch(ActionsBlock.class::isInstance);
        assertThat(SlackPage.text(SlackPage.Content.of(page, null), state))
                .isEqualTo("Tocsin #" + page.incidentNumber() + ": Disk full on db-1 (Resolved by Bob via SMS)");
    }

    @Test
    void whoActedIsEscapedLikeEverythingElse() {
        NotificationRequested page = toSlackChannel("C0OPS00001", "Disk full on db-1");
        KnownIncident state = known(page, IncidentStatus.ACKNOWLEDGED, "<!channel> Mallory", "SLACK");

        assertThat(contexts(SlackPage.blocks(page, state, null))).containsExactly(
                ":eyes: *Acknowledged by &lt;!channel&gt; Mallory via Slack*");
    }

    @Test
    void anIncidentHoldingSeveralAlertsSaysHowManyAndOneAlertSaysNothing() {
        NotificationRequested page = toSlackChannel("C0OPS00001", "Node problems in eu-1");
        KnownIncident grouped = new KnownIncident(page.incidentId(), page.incidentNumber(), page.serviceName(),
                page.summary(), page.severity().name(), IncidentStatus.TRIGGERED, null, null, 12);
        KnownIncident single = new KnownIncident(page.incidentId(), page.incidentNumber(), page.serviceName(),
                page.summary(), page.severity().name(), IncidentStatus.TRIGGERED, null, null, 1);
        SlackPage.Content content = SlackPage.Content.of(grouped, "<#C0OPS00001>", null);

        assertThat(contexts(SlackPage.blocks(content, grouped, null))).containsExactly(":package: *12 alerts*");
        assertThat(SlackPage.text(content, grouped)).endsWith("(Triggered, 12 alerts)");
        assertThat(contexts(SlackPage.blocks(content, single, null))).isEmpty();
        assertThat(SlackPage.text(content, single)).endsWith("(Triggered)");
    }

    @Test
    void aDirectMessageNamesThePersonPaged() {
        NotificationRequested page = toUser(Channel.SLACK, "U0HEDY0001", "Disk full on db-1");

        assertThat(texts(SlackPage.blocks(page, null, null))).contains("*Paged*\nHedy");
    }

    @Test
    void aSummaryCannotMentionEveryoneOrFormLinks() {
        NotificationRequested page = toSlackChannel("C0OPS00001", "<!channel> db <1 & >2");

        assertThat(SlackPage.text(page)).contains("&lt;!channel&gt; db &lt;1 &amp; &gt;2").doesNotContain("<!channel>");
        assertThat(texts(SlackPage.blocks(page, null, null)).getFirst())
                .isEqualTo(":red_circle: *&lt;!channel&gt; db &lt;1 &amp; &gt;2*");
    }

    @Test
    void aLongSummaryIsCutToFitASection() {
        NotificationRequested page = toSlackChannel("C0OPS00001", "x".repeat(5_000));

        assertThat(texts(SlackPage.blocks(page, null, null)).getFirst()).hasSizeLessThan(3_000).endsWith("…*");
    }

    static KnownIncident known(NotificationRequested page, IncidentStatus status, String by, String via) {
        return new KnownIncident(page.incidentId(), page.incidentNumber(), page.serviceName(), page.summary(),
                page.severity().name(), status, by, via);
    }

    private static List<String> texts(List<LayoutBlock> blocks) {
        return blocks.stream().filter(SectionBlock.class::isInstance).map(SectionBlock.class::cast)
                .flatMap(section -> Stream.concat(Stream.of(section.getText()), section.getFields().stream()))
                .map(TextObject::getText)
                .toList();
    }

    private static List<String> contexts(List<LayoutBlock> blocks) {
        return blocks.stream().filter(ContextBlock.class::isInstance).map(ContextBlock.class::cast)
                .flatMap(context -> context.getElements().stream())
                .map(element -> ((MarkdownTextObject) element).getText())
                .toList();
    }

    private static List<ButtonElement> buttons(List<LayoutBlock> blocks) {
        return blocks.stream().filter(ActionsBlock.class::isInstance).map(ActionsBlock.class::cast)
                .peek(actions -> assertThat(actions.getBlockId()).isEqualTo("tocsin_actions"))
                .flatMap(actions -> actions.getElements().stream())
                .map(ButtonElement.class::cast)
                .toList();
    }
}
