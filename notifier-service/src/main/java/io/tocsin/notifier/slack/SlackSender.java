package io.tocsin.notifier.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.model.block.LayoutBlock;
import io.tocsin.contracts.Channel;
import io.tocsin.contracts.NotificationRequested;
import io.tocsin.notifier.NotifierProperties;
import io.tocsin.notifier.delivery.ChannelSender;
import io.tocsin.notifier.delivery.SendOutcome;
import io.tocsin.notifier.incident.KnownIncidents;
import java.io.IOException;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Pages in Slack with {@code chat.postMessage}: to a channel an escalation level targets, or to a member ID, which
 * Slack delivers as a direct message from the app, with Acknowledge / Resolve / Escalate buttons. The provider id is
 * {@code channel:ts}, what chat.update needs when the incident changes ({@link SlackMessageUpdates}). A test page
 * is a direct message of plain text, without buttons.
 */
@Component
@ConditionalOnProperty("tocsin.slack.bot-token")
class SlackSender implements ChannelSender {

    private final MethodsClient slack;
    private final KnownIncidents incidents;
    private final NotifierProperties notifier;

    SlackSender(MethodsClient slack, KnownIncidents incidents, NotifierProperties notifier) {
        this.slack = slack;
        this.incidents = incidents;
        this.notifier = notifier;
    }

    @Override
    public Channel channel() {
        return Channel.SLACK;
    }

    @Override
    public SendOutcome send(NotificationRequested n) {
        String text = SlackPage.text(n);
        // a page that goes out after someone already acted (a slow level, a late retry) shows it rather than stale
        // buttons; a message about the person's own setup (a test page) is its plain text alone, with nothing to press
        List<LayoutBlock> blocks = n.isPage() ? SlackPage.blocks(n, incidents.find(n.incidentId()).orElse(null),
                notifier.incidentUrl(n).orElse(null)) : null;
        try {
            ChatPostMessageResponse response = slack.chatPostMessage(message -> message
                    .channel(n.address())
                    .text(text)
                    .blocks(blocks));
            if (!response.isOk()) {
                return SlackFailures.refused(n.address(), 200, response.getError(), null);
            }
            // a member ID is answered with the direct message's own channel (D…), where the message lives
            return new SendOutcome.Sent(response.getChannel() + ":" + response.getTs());
        } catch (SlackApiException e) {
            String error = e.getError() == null ? null : e.getError().getError();
            return SlackFailures.refused(n.address(), e.getResponse().code(), error, e.getResponse().header("Retry-After"));
        } catch (IOException e) {
            return SlackFailures.unreachable(e);
        } catch (RuntimeException e) {
            // the SDK's parsing of an answer that is not Slack's JSON, e.g. a proxy's error page with HTTP 200
            return SlackFailures.unreadable(e);
        }
    }
}
