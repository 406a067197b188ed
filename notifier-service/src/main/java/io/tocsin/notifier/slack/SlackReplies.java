package io.tocsin.notifier.slack;

import com.slack.api.Slack;
import com.slack.api.app_backend.interactive_components.ActionResponseSender;
import com.slack.api.app_backend.interactive_components.response.ActionResponse;
import com.slack.api.webhook.WebhookResponse;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Answers the person who clicked, and only them: an ephemeral message through the interaction's {@code response_url}.
 * Sent on its own virtual thread, so the click itself is answered within Slack's three seconds whatever this takes.
 */
@Component
@ConditionalOnProperty("tocsin.slack.bot-token")
class SlackReplies implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SlackReplies.class);

    private final ActionResponseSender sender;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    SlackReplies(Slack slack) {
        this.sender = new ActionResponseSender(slack);
    }

    void ephemeral(String responseUrl, String text) {
        if (responseUrl == null || responseUrl.isBlank()) {
            log.warn("slack interaction without a response_url: cannot tell the user \"{}\"", text);
            return;
        }
        ActionResponse response = ActionResponse.builder()
                .responseType("ephemeral")
                .replaceOriginal(false)
                .text(text)
                .build();
        executor.execute(() -> {
            // the response URL is a credential for five answers: its host is enough in a log
            String host = URI.create(responseUrl).getHost();
            try {
                WebhookResponse answer = sender.send(responseUrl, response);
                if (answer.getCode() != 200) {
                    log.warn("slack response_url at {} answered HTTP {}: {}", host, answer.getCode(), answer.getBody());
                }
            } catch (Exception e) {
                log.warn("slack response_url at {} not reached: {}: {}", host, e.getClass().getSimpleName(),
                        e.getMessage());
            }
        });
    }

    @Override
    public void destroy() {
        executor.close();
    }
}
