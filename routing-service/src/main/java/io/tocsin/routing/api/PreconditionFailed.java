package io.tocsin.routing.api;

/** A conditional write ({@code If-Match}) whose resource changed since the caller read it: 412. */
public class PreconditionFailed extends RuntimeException {

    public PreconditionFailed(String message) {
        super(message);
    }
}
