package io.tocsin.messaging;

import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Wraps routing's and the notifier's Kafka consumers: while PostgreSQL is unreachable a message is retried (1 s, 2 s,
 * … 30 s apart) until it is stored, instead of going to the dead-letter topic after the binder's few attempts — an
 * alert or a page requested during a database restart must still be handled (measured: scripts/faults.sh postgres
 * lost one before the notifier did this). Any other failure is left to the consumer: one taking a poll at a time
 * applies its records again one by one ({@link Batches}); a record-at-a-time consumer has the binder's few attempts,
 * then the dead-letter topic.
 */
public final class UntilStored {

    private static final Logger log = LoggerFactory.getLogger(UntilStored.class);
    private static final Duration FIRST_WAIT = Duration.ofSeconds(1);
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(30);

    private UntilStored() {
    }

    /** Whether the failure says the database could not be reached, rather than that it refused the message. */
    public static boolean databaseAway(RuntimeException failure) {
        return failure instanceof DataAccessResourceFailureException || failure instanceof TransientDataAccessException
                || failure instanceof CannotCreateTransactionException;
    }

    public static <T> Consumer<T> untilStored(Consumer<T> handler) {
        return message -> {
            Duration wait = FIRST_WAIT;
            while (true) {
                try {
                    handler.accept(message);
                    return;
                } catch (RuntimeException e) {
                    if (!databaseAway(e)) {
                        throw e;
                    }
                    log.warn("database unavailable, retrying in {}: {}", wait, e.toString());
                    try {
                        Thread.sleep(wait);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        throw e;
                    }
                    wait = wait.multipliedBy(2).compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait.multipliedBy(2);
                }
            }
        };
    }
}
