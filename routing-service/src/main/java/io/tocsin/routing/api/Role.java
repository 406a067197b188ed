package io.tocsin.routing.api;

/** What an API token may do. */
public enum Role {
    /** Everything, including tokens and the audit log. */
    ADMIN,
    /** Read; acknowledge, resolve and escalate incidents; manage their own contact methods, rules and overrides. */
    RESPONDER,
    /** Read only (GET). */
    READ_ONLY
}
