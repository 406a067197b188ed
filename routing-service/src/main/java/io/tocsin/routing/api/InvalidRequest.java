package io.tocsin.routing.api;

/** The request is well-formed but says something impossible (a target that does not exist...): 400. */
public class InvalidRequest extends RuntimeException {

    public InvalidRequest(String message) {
        super(message);
    }
}
