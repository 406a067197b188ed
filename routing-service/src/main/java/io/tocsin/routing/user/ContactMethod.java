package io.tocsin.routing.user;

import io.tocsin.contracts.Channel;
import java.util.UUID;

/** One way to reach a user: a phone number for SMS or voice, an email address, a Slack user, or the console. */
public record ContactMethod(UUID id, UUID userId, Channel channel, String address) {
}
