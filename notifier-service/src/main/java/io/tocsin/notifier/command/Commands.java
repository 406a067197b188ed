package io.tocsin.notifier.command;

import io.tocsin.contracts.Channel;
import io.tocsin.contracts.IncidentCommand;
import io.tocsin.contracts.IncidentCommand.CommandType;
import io.tocsin.notifier.directory.Contact;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;

/**
 * Turns a responder's answer (an SMS reply, a key press, a Slack click, an email link) into a command for routing on
 * tocsin.commands.v1. Returns only once Kafka has it, so an answer that was acknowledged to the responder is not lost.
 */
@Component
public class Commands {

    static final String BINDING = "commands-out";
    private static final Logger log = LoggerFactory.getLogger(Commands.class);

    private final StreamBridge streamBridge;
    private final Clock clock;

    Commands(StreamBridge streamBridge, Clock clock) {
        this.streamBridge = streamBridge;
        this.clock = clock;
    }

    /**
     * Asks routing to act on the incident as {@code responder}. {@code answerId} names the answer (e.g. Twilio's
     * MessageSid): a provider's retry of the same answer becomes the same command, which routing applies once.
     */
    public void issue(UUID incidentId, CommandType type, Contact responder, Channel via, String answerId) {
        UUID id = UUID.nameUUIDFromBytes((via + "/" + answerId + "/" + incidentId + "/" + type)
                .getBytes(StandardCharsets.UTF_8));
        IncidentCommand command = new IncidentCommand(id, IncidentCommand.SCHEMA_VERSION, incidentId, type,
                responder.userId(), responder.userName(), via, clock.instant());
        boolean sent;
        try {
            sent = streamBridge.send(BINDING, MessageBuilder.withPayload(command)
                    .setHeader(KafkaHeaders.KEY, incidentId.toString().getBytes(StandardCharsets.UTF_8))
                    .build());
        } catch (RuntimeException e) {
            throw new CommandNotSent(incidentId, e);
        }
        if (!sent) {
            throw new CommandNotSent(incidentId, null);
        }
        log.info("command={} incident={} {} by user={} via {}", id, incidentId, type, responder.userId(), via);
    }

    /** Kafka did not take the command: the caller answers 503 so the responder (or provider) tries again. */
    public static final class CommandNotSent extends RuntimeException {

        CommandNotSent(UUID incidentId, Throwable cause) {
            super("could not hand the command for incident " + incidentId + " to Kafka", cause);
        }
    }
}
