package io.tocsin.routing.user;

import io.tocsin.contracts.Urgency;
import java.time.Duration;
import java.util.UUID;

/** For incidents of this urgency, page this contact method {@code delay} after the user was first targeted. */
public record NotificationRule(UUID id, ContactMethod contactMethod, Urgency urgency, Duration delay) {
}
