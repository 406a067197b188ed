package io.tocsin.ingest.publish;

/** Kafka did not acknowledge an alert, so it must not be answered with 202. */
public class AlertNotStored extends RuntimeException {

    public AlertNotStored(String message, Throwable cause) {
        super(message, cause);
    }
}
