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
 * it fail. {@code sealedSecret}: a PUSH topic's access token, sealed ({@code SealedSecrets}); never shown.
 */
public record ContactMethod(
        UUID id,
        UUID userId,
        Channel channel,
        String address,
        @Schema(description = "the address's owner opted out of this channel (e.g. replied STOP to an SMS): "
                + "pages to it are refused until they opt in again (START)") boolean optedOut,
        @Schema(description = "since when it is opted out; null if it is not") Instant optedOutAt,
        @JsonIgnore String sealedSecret) {

    /** A contact method whose owner has not opted out. */
    public ContactMethod(UUID id, UUID userId, Channel channel, String address) {
        this(id, userId, channel, address, false, null, null);
    }

    @JsonProperty("tokenSet")
    @Schema(description = "PUSH: an access token for the topic is stored (it is never shown again)")
    public boolean tokenSet() {
        return sealedSecret != null;
    }
}
