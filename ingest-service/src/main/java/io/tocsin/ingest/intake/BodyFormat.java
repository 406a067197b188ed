package io.tocsin.ingest.intake;

/** The ways a monitor may send its event, each a set of content types an endpoint accepts. */
public enum BodyFormat {
    /** A JSON object: {@code application/json}, {@code application/*+json}, or no content type at all. */
    JSON,
    /** {@code text/plain} carrying JSON, as Amazon SNS sends it. */
    TEXT_JSON,
    /** {@code application/x-www-form-urlencoded} or {@code multipart/form-data} fields. */
    FORM,
    /** Query parameters only: the body may be empty. */
    QUERY,
    /** Whatever the body is, it is kept but not parsed (heartbeat pings). */
    ANY
}
