package io.tocsin.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class MutableClockTest {

    private static final Instant START = Instant.parse("2025-03-01T09:00:00Z");

    @Test
    void staysPutUntilMoved() {
        MutableClock clock = MutableClock.at(START);

        assertThat(clock.instant()).isEqualTo(START);
        assertThat(clock.millis()).isEqualTo(START.toEpochMilli());
        assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
    }

    @Test
    void advancesAndIsSet() {
        MutableClock clock = MutableClock.at(START);

        assertThat(clock.advance(Duration.ofMinutes(30))).isEqualTo(START.plus(Duration.ofMinutes(30)));
        assertThat(clock.instant()).isEqualTo(Instant.parse("2025-03-01T09:30:00Z"));

        clock.set(START.minusSeconds(60));
        assertThat(clock.instant()).isEqualTo(Instant.parse("2025-03-01T08:59:00Z"));
    }

    @Test
    void zonedViewMovesWithTheOriginal() {
        MutableClock clock = MutableClock.at(START);
        ZoneId berlin = ZoneId.of("Europe/Berlin");

        MutableClock inBerlin = clock.withZone(berlin);
        clock.advance(Duration.ofHours(1));

        assertThat(inBerlin.getZone()).isEqualTo(berlin);
        assertThat(inBerlin.instant()).isEqualTo(START.plus(Duration.ofHours(1)));
        inBerlin.advance(Duration.ofHours(1));
        assertThat(clock.instant()).isEqualTo(START.plus(Duration.ofHours(2)));
    }

    @Test
    void concurrentAdvancesAreNotLost() {
        MutableClock clock = MutableClock.at(START);

        CompletableFuture.allOf(IntStream.range(0, 1_000)
                .mapToObj(i -> CompletableFuture.runAsync(() -> clock.advance(Duration.ofSeconds(1))))
                .toArray(CompletableFuture[]::new)).join();

        assertThat(clock.instant()).isEqualTo(START.plusSeconds(1_000));
    }

    @Test
    void startsNowAtMicrosecondPrecision() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.MICROS);

        Instant start = MutableClock.startingNow().instant();

        assertThat(start).isBetween(before, Instant.now());
        assertThat(start.getNano() % 1_000).isZero();
    }
}
