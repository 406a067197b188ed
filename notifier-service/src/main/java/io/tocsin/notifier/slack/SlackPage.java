package io.tocsin.notifier.slack;

import static com.slack.api.model.block.Blocks.asBlocks;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.asSectionFields;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

import com.slack.api.model.block.LayoutBlock;
import io.tocsin.contracts.NotificationRequested;
import io.tocsin.contracts.Severity;
import io.tocsin.notifier.delivery.PageText;
import java.util.List;
import java.util.Locale;

/** A page as a Slack message: the plain page text for notifications, and Block Kit blocks for the channel. */
final class SlackPage {

    /** Slack's limit for a section's text is 3,000 characters; a monitor's summary can be longer. */
    private static final int MAX_SUMMARY = 2_000;

    private SlackPage() {
    }

    /** What push notifications and screen readers show; escaped, so a summary cannot mention {@code @channel}. */
    static String text(NotificationRequested n) {
        return escape(PageText.of(n));
    }

    static List<LayoutBlock> blocks(NotificationRequested n) {
        String summary = n.summary().length() > MAX_SUMMARY ? n.summary().substring(0, MAX_SUMMARY) + "…" : n.summary();
        return asBlocks(section(s -> s
                .text(markdownText(emoji(n.severity()) + " *" + escape(summary) + "*"))
                .fields(asSectionFields(
                        markdownText("*Severity*\n" + (n.severity() == null ? "not given" : capitalized(n.severity()))),
                        markdownText("*Service*\n" + escape(n.serviceName())),
                        markdownText("*Incident*\n" + PageText.shortId(n.incidentId())),
                        markdownText("*Paged*\n" + paged(n))))));
    }

    /** A user is paged by name in a direct message; a channel that an escalation level targets by a link to it. */
    private static String paged(NotificationRequested n) {
        return n.userName() == null ? "<#" + n.address() + ">" : escape(n.userName());
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
