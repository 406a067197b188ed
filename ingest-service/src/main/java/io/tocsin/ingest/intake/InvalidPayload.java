package io.tocsin.ingest.intake;

import java.util.List;

/** A normalizer found the payload well-formed but not a usable event; {@code errors} say what to fix. */
public class InvalidPayload extends RuntimeException {

    private final List<String> errors;

    public InvalidPayload(List<String> errors) {
        super(String.join("; ", errors));
        this.errors = List.copyOf(errors);
    }

    public InvalidPayload(String error) {
        this(List.of(error));
    }

    public List<String> errors() {
        return errors;
    }
}
