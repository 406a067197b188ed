package io.tocsin.notifier.directory;

import io.tocsin.contracts.Channel;
import java.util.UUID;

/** A user's contact method as routing announced it: who is behind a phone number, a Slack member ID, an address. */
public record Contact(UUID id, UUID userId, String userName, Channel channel, String address) {
}
