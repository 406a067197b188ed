package io.tocsin.routing.user;

import io.swagger.v3.oas.annotations.media.Schema;
import io.tocsin.contracts.Channel;
import io.tocsin.contracts.NotificationRequested.Purpose;
import java.time.Instant;
import java.util.UUID;

/** A message sent to a person about their own setup (a code, a test page, an invitation) and how its delivery went. */
public record PersonalMessage(
        UUID id,
        UUID contactMethodId,
        Purpose purpose,
        Channel channel,
        @Schema(description = "where it went, phone numbers masked") String recipient,
        @Schema(description = "QUEUED until the notifier reports; then SENT, DELIVERED, FAILED, RETRYING… as the"
                + " provider told it") String status,
        @Schema(description = "the provider's words, e.g. why it failed") String detail,
        @Schema(description = "the SMS or voice provider that carried it") String provider,
        Instant requestedAt,
        Instant updatedAt) {
}
