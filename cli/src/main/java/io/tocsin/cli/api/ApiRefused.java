package io.tocsin.cli.api;

/** The admin API could not be reached or refused a call; the message says what to do. */
public class ApiRefused extends RuntimeException {

    public ApiRefused(String message) {
        super(message);
    }
}
