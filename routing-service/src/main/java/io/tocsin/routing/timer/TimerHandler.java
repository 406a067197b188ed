package io.tocsin.routing.timer;

import java.time.Instant;
import java.util.Set;

/**
 * What a domain does when one of its timers comes due. Each domain implements one for the actions it schedules; the
 * {@link TimerEngine} calls it in the transaction that claimed the timer and deletes the timer in it.
 */
public interface TimerHandler {

    /** The timer actions this handler fires; no two handlers share one. */
    Set<String> actions();

    /**
     * Acts on the due timer if it still applies (locking what it changes); false if it was void, e.g. its incident
     * moved on. A thrown exception rolls the claim back and the engine retries the timer later.
     */
    boolean fire(Timer timer, Instant now);
}
