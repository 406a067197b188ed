package io.tocsin.routing.api;

/** The request names something that does not exist: 404. */
public class NotFound extends RuntimeException {

    public NotFound(String message) {
        super(message);
    }
}
