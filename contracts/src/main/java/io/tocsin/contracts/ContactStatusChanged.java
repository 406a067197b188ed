package io.tocsin.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.UUID;

/**
 * An address's owner opted out of messages on a channel (an SMS "STOP") or back in ("START"); routing shows it on
 * every contact method with this channel and address.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ContactStatusChanged(
        UUID id,
        int schemaVersion,
        Channel channel,
        String address,
        boolean optedOut,
        String reason,
        Instant at) implements TocsinMessage {

    public static final int SCHEMA_VERSION = 1;
}
