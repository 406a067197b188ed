package io.tocsin.notifier.slack;

import org.springframework.http.HttpStatus;

/** A request to the Slack endpoint that is not Slack's, not now, or not an interaction: answered, nothing changes. */
final class SlackRequestRefused extends RuntimeException {

    private final HttpStatus status;

    SlackRequestRefused(HttpStatus status, String detail) {
        super(detail);
        this.status = status;
    }

    HttpStatus status() {
        return status;
    }
}
