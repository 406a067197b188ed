package io.tocsin.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/** A {@link Clock} that tests move by hand, so services injected with it run in business time. */
public final class MutableClock extends Clock {

    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    private MutableClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    public static MutableClock at(Instant instant) {
        return new MutableClock(new AtomicReference<>(Objects.requireNonNull(instant)), ZoneOffset.UTC);
    }

    /** Starts at the current time, truncated to microseconds so instants survive a round trip through PostgreSQL. */
    public static MutableClock startingNow() {
        return at(Instant.now().truncatedTo(ChronoUnit.MICROS));
    }

    /** Moves the clock forward (or back, for a negative duration) and returns the new time. */
    public Instant advance(Duration duration) {
        Objects.requireNonNull(duration);
        return now.updateAndGet(instant -> instant.plus(duration));
    }

    public void set(Instant instant) {
        now.set(Objects.requireNonNull(instant));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** A view in another zone that moves together with this clock. */
    @Override
    public MutableClock withZone(ZoneId zone) {
        return new MutableClock(now, Objects.requireNonNull(zone));
    }

    @Override
    public String toString() {
        return "MutableClock[" + instant() + "," + zone + "]";
    }
}
