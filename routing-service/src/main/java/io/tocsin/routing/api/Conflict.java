package io.tocsin.routing.api;

/** The request cannot be done in the current state of things: 409, with what to do instead. */
public class Conflict extends RuntimeException {

    public Conflict(String message) {
        super(message);
    }
}
