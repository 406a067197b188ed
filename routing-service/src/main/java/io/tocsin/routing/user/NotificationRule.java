package io.tocsin.routing.user;

import java.time.Duration;

/** Page this contact method {@code delay} after the user was first targeted by an incident. */
public record NotificationRule(ContactMethod contactMethod, Duration delay) {
}
