package io.tocsin.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.UUID;

/**
 * One contact method as the notifier should know it, keyed by {@code contactMethodId} on the compacted contact
 * methods topic: the notifier maps a replying phone number or a clicking Slack member to its user with it.
 * {@code removed} says the method (or its user) was deleted.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ContactMethodUpdated(
        UUID id,
        int schemaVersion,
        UUID contactMethodId,
        UUID userId,
        String userName,
        Channel channel,
        String address,
        boolean removed,
        Instant at) implements TocsinMessage {

    public static final int SCHEMA_VERSION = 1;
}
