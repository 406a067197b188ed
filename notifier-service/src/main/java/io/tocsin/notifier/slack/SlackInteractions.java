package io.tocsin.notifier.slack;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.util.json.GsonFactory;
import io.tocsin.contracts.Channel;
import io.tocsin.notifier.RequestRefused;
import io.tocsin.notifier.command.Commands;
import io.tocsin.notifier.directory.Contact;
import io.tocsin.notifier.directory.Contacts;
import io.tocsin.notifier.incident.KnownIncident;
import io.tocsin.notifier.incident.StatusWords;
import io.tocsin.notifier.incident.KnownIncidents;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Slack's interactivity request URL ({@code POST /webhooks/slack/interactions}): a click on a page's button becomes
 * a command for routing, issued as the Tocsin user whose Slack contact method is the clicking member. The request
 * must carry Slack's signature over its raw body, made within five minutes; anything else is refused and changes
 * nothing. The message itself is updated when routing announces the change ({@link SlackMessageUpdates}).
 */
@RestController
@ConditionalOnProperty("tocsin.slack.bot-token")
class SlackInteractions {

    static final String PATH = "/webhooks/slack/interactions";
    private static final String SLACK_REQUEST = "slack-request";
    private static final Logger log = LoggerFactory.getLogger(SlackInteractions.class);
    /** Slack's payloads carry the whole message they came from; far below this. */
    private static final int MAX_BODY = 1 << 20;
    private static final Gson GSON = GsonFactory.createSnakeCase();

    private final SlackSignatureCheck signatures;
    private final Contacts contacts;
    private final KnownIncidents incidents;
    private final Commands commands;
    private final SlackReplies replies;
    private final SlackMessageUpdates updates;

    SlackInteractions(SlackProperties properties, Clock clock, Contacts contacts, KnownIncidents incidents,
            Commands commands, SlackReplies replies, SlackMessageUpdates updates) {
        this.signatures = new SlackSignatureCheck(properties.signingSecret(), clock);
        this.contacts = contacts;
        this.incidents = incidents;
        this.commands = commands;
        this.replies = replies;
        this.updates = updates;
        if (!properties.hasSigningSecret()) {
            log.warn("Slack buttons will be refused: set TOCSIN_SLACK_SIGNING_SECRET to the Slack app's signing secret");
        }
    }

    /**
     * The body is read as raw bytes: Spring's form handling would rebuild it from the parsed parameters, which is
     * not the byte sequence Slack signed.
     */
    @PostMapping(PATH)
    ResponseEntity<?> interaction(HttpServletRequest request) throws IOException {
        byte[] body = rawBody(request);
        signatures.verify(request.getHeader(SlackSignatureCheck.TIMESTAMP),
                request.getHeader(SlackSignatureCheck.SIGNATURE), body);
        BlockActionPayload payload = payload(body);
        if (!"block_actions".equals(payload.getType())) {
            // other kinds of interaction (shortcuts, views) are not Tocsin's: Slack only needs to hear it arrived
            log.info("slack interaction of type {} ignored", payload.getType());
            return ResponseEntity.ok().build();
        }
        if (payload.getActions() == null) {
            return ResponseEntity.ok().build();
        }
        for (BlockActionPayload.Action action : payload.getActions()) {
            Optional<SlackAction> known = SlackAction.byActionId(action.getActionId());
            if (known.isPresent()) {
                clicked(payload, action, known.get());
            }
        }
        return ResponseEntity.ok().build();
    }

    private void clicked(BlockActionPayload payload, BlockActionPayload.Action action, SlackAction button) {
        String member = payload.getUser() == null ? null : payload.getUser().getId();
        UUID incidentId = incidentId(action.getValue());
        Optional<Contact> contact = member == null ? Optional.empty() : contacts.find(Channel.SLACK, member);
        if (contact.isEmpty()) {
            log.info("slack click {} on incident={} by member={}: not linked to a Tocsin user, nothing done",
                    button, incidentId, member);
            replies.ephemeral(payload.getResponseUrl(), "Your Slack account is not linked to a Tocsin user: add your"
                    + " member ID " + member + " as a Slack contact method of your Tocsin user (in Slack: your profile"
                    + " > ⋮ > Copy member ID), then click again.");
            return;
        }
        Optional<KnownIncident> incident = incidents.find(incidentId);
        if (incident.isEmpty()) {
            log.info("slack click {} on unknown incident={} by member={}", button, incidentId, member);
            replies.ephemeral(payload.getResponseUrl(),
                    "Tocsin does not know this incident (any more): nothing was done.");
            return;
        }
        Optional<String> moot = StatusWords.moot(incident.get(), button.command());
        if (moot.isPresent()) {
            log.info("slack click {} on incident={} by user={} moot: {}", button, incidentId, contact.get().userId(),
                    incident.get().status());
            replies.ephemeral(payload.getResponseUrl(), moot.get());
            return;
        }
        // the trigger id is unique to this click: the same request again becomes the same command, applied once
        String answerId = payload.getTriggerId() + "/" + action.getActionTs();
        try {
            commands.issue(incidentId, button.command(), contact.get(), Channel.SLACK, answerId);
        } catch (Commands.CommandNotSent e) {
            log.warn("slack click {} on incident={} by user={} not handed to Kafka: {}", button, incidentId,
                    contact.get().userId(), e.getMessage());
            replies.ephemeral(payload.getResponseUrl(), "Tocsin could not take your answer just now: please click again"
                    + " in a moment.");
            throw new RequestRefused(HttpStatus.SERVICE_UNAVAILABLE, "command-not-sent", "Answer not taken",
                    "The answer could not be handed on to Tocsin's routing just now: click again in a moment");
        }
        if (button == SlackAction.ESCALATE) {
            // off the request: Slack wants the click answered within three seconds, whatever chat.update takes
            KnownIncident escalated = incident.get();
            String byWhom = contact.get().userName();
            Thread.ofVirtual().start(() -> updates.escalated(escalated, byWhom));
        }
    }

    private static byte[] rawBody(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > MAX_BODY) {
            throw new RequestRefused(HttpStatus.CONTENT_TOO_LARGE, SLACK_REQUEST, "Slack request refused", "The request body is larger than "
                    + MAX_BODY + " bytes, which no Slack interaction is");
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                throw new RequestRefused(HttpStatus.CONTENT_TOO_LARGE, SLACK_REQUEST, "Slack request refused", "The request body is larger than "
                        + MAX_BODY + " bytes, which no Slack interaction is");
            }
            return body;
        }
    }

    /** The JSON in the {@code payload} form field of the (already verified) body. */
    static BlockActionPayload payload(byte[] body) {
        String payload = null;
        for (String field : new String(body, StandardCharsets.UTF_8).split("&")) {
            int equals = field.indexOf('=');
            if (equals > 0 && field.substring(0, equals).equals("payload")) {
                try {
                    payload = URLDecoder.decode(field.substring(equals + 1), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    throw new RequestRefused(HttpStatus.BAD_REQUEST, SLACK_REQUEST, "Slack request refused", "The payload field is not properly"
                            + " form-encoded: " + e.getMessage());
                }
            }
        }
        if (payload == null) {
            throw new RequestRefused(HttpStatus.BAD_REQUEST, SLACK_REQUEST, "Slack request refused", "No payload form field: Slack sends"
                    + " interactions as application/x-www-form-urlencoded with the JSON in 'payload'");
        }
        try {
            BlockActionPayload parsed = GSON.fromJson(payload, BlockActionPayload.class);
            if (parsed == null) {
                throw new JsonParseException("empty");
            }
            return parsed;
        } catch (JsonParseException | IllegalStateException e) {
            throw new RequestRefused(HttpStatus.BAD_REQUEST, SLACK_REQUEST, "Slack request refused", "The payload field is not an interaction's"
                    + " JSON: " + e.getMessage());
        }
    }

    private static UUID incidentId(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new RequestRefused(HttpStatus.BAD_REQUEST, SLACK_REQUEST, "Slack request refused", "The button's value is not an incident id:"
                    + " only the buttons on Tocsin's own pages can be answered here");
        }
    }
}
