package io.tocsin.routing.schedule;

import io.tocsin.routing.schedule.Rotation.ShiftUnit;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How long the escalation engine's "who is on call" takes: 5 layers of 20 participants with 1,000 overrides,
 * against one layer without overrides. Not a test (surefire does not pick it up); run it as
 * /work/notes/schedules-note.md describes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class OnCallBenchmark {

    private static final ZoneId ZONE = ZoneId.of("America/New_York");
    private static final Instant FROM = Instant.parse("2026-03-01T00:00:00Z");

    private Schedule layered;
    private Schedule single;
    private Instant[] instants;
    private int next;

    @Setup
    public void setUp() {
        Random random = new Random(42);
        List<UUID> people = IntStream.range(0, 100).mapToObj(n -> UUID.randomUUID()).toList();
        List<Rotation> layers = new ArrayList<>();
        for (int layer = 1; layer <= 5; layer++) {
            // upper layers cover part of the day, so lower ones show through and every layer is looked at
            List<Restriction> restrictions = layer == 1 ? List.of() : List.of(new Restriction(
                    EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(6 + layer, 0),
                    LocalTime.of(12 + layer, 0)));
            layers.add(new Rotation(UUID.randomUUID(), "layer " + layer, LocalDateTime.parse("2026-01-05T09:00"),
                    layer, layer % 2 == 0 ? ShiftUnit.HOURS : ShiftUnit.DAYS,
                    people.subList(20 * (layer - 1), 20 * layer), layer, restrictions));
        }
        List<ScheduleOverride> overrides = IntStream.range(0, 1000).mapToObj(n -> {
            Instant start = FROM.plus(Duration.ofMinutes(random.nextInt(60 * 24 * 90)));
            return new ScheduleOverride(UUID.randomUUID(), people.get(random.nextInt(100)),
                    random.nextBoolean() ? null : people.get(random.nextInt(100)), start,
                    start.plus(Duration.ofMinutes(30 + random.nextInt(60 * 12))));
        }).toList();
        layered = new Schedule(UUID.randomUUID(), "layered", ZONE, layers, overrides, null);
        single = new Schedule(UUID.randomUUID(), "single", ZONE, List.of(new Rotation(UUID.randomUUID(), "daily",
                LocalDateTime.parse("2026-01-05T09:00"), 1, ShiftUnit.DAYS, people.subList(0, 20))), List.of(), null);
        instants = IntStream.range(0, 1024)
                .mapToObj(n -> FROM.plus(Duration.ofMinutes(random.nextInt(60 * 24 * 90))))
                .toArray(Instant[]::new);
    }

    private Instant nextInstant() {
        next = (next + 1) & (instants.length - 1);
        return instants[next];
    }

    @Benchmark
    public Set<UUID> onCallFiveLayersThousandOverrides() {
        return layered.onCall(nextInstant());
    }

    @Benchmark
    public Set<UUID> onCallOneLayerBaseline() {
        return single.onCall(nextInstant());
    }

    @Benchmark
    public List<Shift> shiftsOfAWeekFiveLayersThousandOverrides() {
        Instant from = nextInstant();
        return layered.shifts(from, from.plus(Duration.ofDays(7)));
    }
}
