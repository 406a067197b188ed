package io.tocsin.notifier.slack;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.asSectionFields;
import static com.slack.api.model.block.composition.BlockCompositions.confirmationDialog;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.BlockElements;
import io.tocsin.contracts.IncidentStatus;
import io.tocsin.contracts.NotificationRequested;
import io.tocsin.contracts.Severity;
import io.tocsin.notifier.delivery.PageText;
import io.tocsin.notifier.incident.KnownIncident;
import io.tocsin.notifier.incident.StatusWords;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * A page as a Slack message: the plain page text for notifications, and Block Kit blocks for the channel, with the
 * buttons that still make sense for the incident's state and, once someone acted, who did it and how.
 */
final class SlackPage {

    /** Slack's limit for a section's text is 3,000 characters; a monitor's summary can be longer. */
    private static final int MAX_SUMMARY = 2_000;

    private SlackPage() {
    }

    /**
     * What a Slack message shows of its incident: from the page when it is posted, from what the notifier knows of
     * the incident when it is updated. {@code paged} is already Slack markup (a name, or a channel link);
     * {@code link} is the incident's console page, or null.
     */
    record Content(UUID incidentId, Long number, String summary, String serviceName, Severity severity, String paged,
            String link) {

        static Content of(NotificationRequested n, String link) {
            String paged = n.userName() == null ? "<#" + n.address() + ">" : escape(n.userName());
            return new Content(n.incidentId(), n.incidentNumber(), n.summary(), n.serviceName(), n.severity(), paged,
                    link);
        }

        static Content of(KnownIncident incident, String paged, String link) {
            Severity severity = incident.severity() == null ? null : Severity.valueOf(incident.severity());
            return new Content(incident.id(), incident.number(), incident.summary(), incident.serviceName(), severity,
                    paged, link);
        }

        /** "#12", or the first digits of the id for an incident from before numbers. */
        String label() {
            return number == null ? PageText.shortId(incidentId) : "#" + number;
        }
    }

    /** What push notifications and screen readers show; escaped, so a summary cannot mention {@code @channel}. */
    static String text(NotificationRequested n) {
        return escape(PageText.of(n));
    }

    /**
     * The notification text of an updated message: "Tocsin #12: Disk full on db-1 (Acknowledged by Alice via Slack)",
     * with how many alerts the incident holds when more than one ("(Triggered, 12 alerts)").
     */
    static String text(Content content, KnownIncident state) {
        return escape("Tocsin " + content.label() + ": " + content.summary() + " (" + StatusWords.line(state)
                + (state.grouped() ? ", " + state.alertCount() + " alerts" : "") + ")");
    }

    /** A new page: the incident, and all buttons unless the incident was already acted on. */
    static List<LayoutBlock> blocks(NotificationRequested n, KnownIncident state, String link) {
        return blocks(Content.of(n, link), state, null);
    }

    /**
     * {@code state} null: nothing is known of the incident yet beyond the page, which is triggered; a state with more
     * than one alert says how many under the incident. {@code note}: a
     * line under the incident saying what someone asked for that its state does not show (an escalation), or null.
     */
    static List<LayoutBlock> blocks(Content content, KnownIncident state, String note) {
        String summary = content.summary() == null ? "" : content.summary();
        String shown = summary.length() > MAX_SUMMARY ? summary.substring(0, MAX_SUMMARY) + "…" : summary;
        List<LayoutBlock> blocks = new ArrayList<>();
        String severity = content.severity() == null ? "not given" : capitalized(content.severity());
        blocks.add(section(s -> s
                .text(markdownText(emoji(content.severity()) + " *" + escape(shown) + "*"))
                .fields(asSectionFields(
                        markdownText("*Severity*\n" + severity),
                        markdownText("*Service*\n" + escape(content.serviceName())),
                        markdownText("*Incident*\n" + (content.link() == null ? content.label()
                                : "<" + content.link() + "|" + content.label() + ">")),
                        markdownText("*Paged*\n" + content.paged())))));
        if (state != null && state.grouped()) {
            blocks.add(context(c -> c.elements(List.of(markdownText(":package: *" + state.alertCount()
                    + " alerts*")))));
        }
        IncidentStatus status = state == null ? IncidentStatus.TRIGGERED : state.status();
        if (state != null && state.changedBy() != null && status != IncidentStatus.TRIGGERED) {
            blocks.add(context(c -> c.elements(List.of(markdownText(statusEmoji(status) + " *"
                    + escape(StatusWords.line(state)) + "*")))));
        }
        if (note != null) {
            blocks.add(context(c -> c.elements(List.of(markdownText(":arrow_double_up: *" + escape(note) + "*")))));
        }
        List<BlockElement> buttons = SlackAction.available(status).stream()
                .map(action -> button(content.incidentId(), action))
                .toList();
        if (!buttons.isEmpty()) {
            blocks.add(actions(a -> a.blockId(SlackAction.BLOCK_ID).elements(buttons)));
        }
        return blocks;
    }

    /** The button's value is the incident's id: a click says what it is about without a lookup by message. */
    private static BlockElement button(UUID incidentId, SlackAction action) {
        return BlockElements.button(b -> {
            b.actionId(action.actionId()).text(plainText(action.label())).value(incidentId.toString());
            if (action.style() != null) {
                b.style(action.style());
            }
            if (action == SlackAction.ESCALATE) {
                // paging the next level at once cannot be undone: one more click to be sure
                b.confirm(confirmationDialog(d -> d
                        .title(plainText("Escalate now?"))
                        .text(plainText("The next escalation level is paged right away."))
                        .confirm(plainText("Escalate"))
                        .deny(plainText("Cancel"))));
            }
            return b;
        });
    }

    private static String emoji(Severity severity) {
        return switch (severity) {
            case CRITICAL -> ":red_circle:";
            case ERROR -> ":large_orange_circle:";
            case WARNING -> ":large_yellow_circle:";
            case INFO -> ":large_blue_circle:";
            case null -> ":bell:";
        };
    }

    private static String statusEmoji(IncidentStatus status) {
        return status == IncidentStatus.RESOLVED ? ":white_check_mark:" : ":eyes:";
    }

    private static String capitalized(Severity severity) {
        String name = severity.name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    /** Slack reads {@code <…>} as links and mentions and {@code &} as an entity; these three must be escaped. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
