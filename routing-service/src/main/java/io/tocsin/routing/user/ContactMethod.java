package io.tocsin.routing.user;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import io.tocsin.contracts.Channel;
import java.time.Instant;
import java.util.UUID;

/**
 * One way to reach a user: a phone number for SMS or voice, an email address, a Slack user, a webhook URL, an ntfy
 * topic URL, or the console; {@code optedOut} says the address's owner declined the channel (an SMS "STOP"): pages to
 * it fail. {@code verified}: a phone number or email address pages nobody until its owner typed the code sent to it.
 * {@code sealedSecret}: a PUSH topic's access token, sealed ({@code SealedSecrets}); never shown.
 */
public record ContactMethod(
        UUID id,
        UUID userId,
        Channel channel,
        String address,
        @Schema(description = "the address's owner opted out of this channel (e.g. replied STOP to an SMS): "
                + "pages to it are refused until they opt in again (START)") boolean optedOut,
        @Schema(description = "since when it is opted out; null if it is not") Instant optedOutAt,
        @Schema(description = "whether it is paged: SMS, VOICE and EMAIL methods are once their owner entered the code"
                + " sent to them (POST …/verification-code, then …/verify); the other channels always are")
        boolean verified,
        @JsonIgnore String sealedSecret) {

    /** A verified contact method whose owner has not opted out. */
    public ContactMethod(UUID id, UUID userId, Channel channel, String address) {
        this(id, userId, channel, address, false, null, true, null);
    }

    /** Whether a method of this channel must be verified with a code before it is paged. */
    public static boolean needsVerification(Channel channel) {
        return channel == Channel.SMS || channel == Channel.VOICE || channel == Channel.EMAIL;
    }

    @JsonProperty("tokenSet")
    @Schema(description = "PUSH: an access token for the topic is stored (it is never shown again)")
    public boolean tokenSet() {
        return sealedSecret != null;
    }
}
