package io.tocsin.ingest.eventsv2;

import java.util.List;

/** An event that breaks the Events API v2 rules; {@code errors} name each problem, PagerDuty-style. */
class InvalidEvent extends RuntimeException {

    private final List<String> errors;

    InvalidEvent(List<String> errors) {
        super(String.join("; ", errors));
        this.errors = List.copyOf(errors);
    }

    List<String> errors() {
        return errors;
    }
}
