package io.tocsin.cli.config;

/** The configuration file cannot be applied as it is; nothing was changed. The message names the line and field. */
public class BadDocument extends RuntimeException {

    public BadDocument(String message) {
        super(message);
    }
}
