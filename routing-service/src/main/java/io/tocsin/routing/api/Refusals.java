package io.tocsin.routing.api;

import org.postgresql.util.PSQLException;
import org.springframework.dao.DataIntegrityViolationException;

/** Turns a change PostgreSQL refused by a named constraint into a 409 that says what to do instead. */
public final class Refusals {

    private Refusals() {
    }

    /**
     * Runs the change; if the database refused it by {@code constraint}, throws a {@link Conflict} with
     * {@code message} (the transaction is then rolled back by the caller's failure).
     */
    public static void refusedBy(String constraint, String message, Runnable change) {
        try {
            change.run();
        } catch (DataIntegrityViolationException e) {
            if (constraint.equals(constraintOf(e.getMostSpecificCause()))) {
                throw new Conflict(message);
            }
            throw e;
        }
    }

    private static String constraintOf(Throwable cause) {
        return cause instanceof PSQLException postgres && postgres.getServerErrorMessage() != null
                ? postgres.getServerErrorMessage().getConstraint()
                : null;
    }
}
