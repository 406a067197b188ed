package io.tocsin.testkit;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;

/**
 * The failures a fake provider is told to answer with: the next few requests, or every request during an outage
 * (which wins). {@code F} is what the provider's error answer needs (its HTTP status, error code, delay).
 */
final class InjectedFailures<F> {

    private final Deque<F> next = new ArrayDeque<>();
    private volatile F outage;

    synchronized void failNext(int count, F failure) {
        next.addAll(Collections.nCopies(count, failure));
    }

    void startOutage(F failure) {
        outage = failure;
    }

    void endOutage() {
        outage = null;
    }

    /** The failure this request answers with, if any; a failure told for the next requests is used up by it. */
    F take() {
        F during = outage;
        if (during != null) {
            return during;
        }
        synchronized (this) {
            return next.poll();
        }
    }

    synchronized void clear() {
        next.clear();
        outage = null;
    }
}
