package io.tocsin.notifier;

/** Settings shared by the notifier's {@code @FuzzTest}s. */
public final class Fuzzing {

    /** How long {@code JAZZER_FUZZ=1} fuzzes each target; the regular test run only replays the seed corpus. */
    public static final String DURATION = "2m";

    private Fuzzing() {
    }
}
