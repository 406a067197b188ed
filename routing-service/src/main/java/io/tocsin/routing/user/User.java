package io.tocsin.routing.user;

import java.util.UUID;

/** A person Tocsin can page. */
public record User(UUID id, String name, String email) {
}
