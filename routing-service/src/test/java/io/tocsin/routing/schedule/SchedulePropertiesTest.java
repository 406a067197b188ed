package io.tocsin.routing.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.routing.schedule.Restriction.Window;
import io.tocsin.routing.schedule.Rotation.ShiftUnit;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Laws every schedule keeps, over random layers, restrictions and overrides in zones with odd clocks. */
class SchedulePropertiesTest {

    private static final List<ZoneId> ZONES = Stream.of("America/New_York", "Europe/London", "Australia/Sydney",
            "Asia/Kolkata", "Asia/Kathmandu").map(ZoneId::of).toList();
    private static final List<UUID> PEOPLE = IntStream.range(0, 5).mapToObj(n -> UUID.randomUUID()).toList();
    /** Days a few days before clocks change in one of the zones, so intervals often cross a change. */
    private static final List<LocalDateTime> NEAR_CHANGES = Stream.of("2026-03-05", "2026-03-26", "2026-04-02",
            "2026-10-01", "2026-10-22", "2026-10-29", "2026-06-15").map(day -> LocalDateTime.parse(day + "T00:00")).toList();

    /** A stretch of time to look at. */
    record Interval(ZoneId zone, Instant from, Instant to) {

        /** Instants spread over the interval, plus the given ones inside it. */
        List<Instant> samples(List<Shift> shifts) {
            List<Instant> samples = new ArrayList<>();
            long step = Duration.between(from, to).toSeconds() / 97;
            for (int n = 0; n < 97; n++) {
                samples.add(from.plusSeconds(n * step));
            }
            for (Shift shift : shifts) {
                samples.add(shift.start());
                samples.add(shift.end().minusSeconds(1));
            }
            return samples.stream().filter(at -> !at.isBefore(from) && at.isBefore(to)).toList();
        }
    }

    @Provide
    Arbitrary<Interval> intervals() {
        return Combinators.combine(Arbitraries.of(ZONES), Arbitraries.of(NEAR_CHANGES),
                Arbitraries.integers().between(0, 24 * 4 * 7), Arbitraries.integers().between(1, 24 * 14))
                .as((zone, near, quarters, hours) -> {
                    Instant from = near.atZone(zone).toInstant().plus(Duration.ofMinutes(15L * quarters));
                    return new Interval(zone, from, from.plus(Duration.ofHours(hours)));
                });
    }

    @Provide
    Arbitrary<Rotation> rotations() {
        Arbitrary<LocalDateTime> starts = Arbitraries.integers().between(0, 300 * 24 * 4)
                .map(quarters -> LocalDateTime.parse("2026-02-01T00:00").plusMinutes(15L * quarters));
        Arbitrary<Restriction> restrictions = Combinators.combine(
                Arbitraries.of(DayOfWeek.values()).set().ofMinSize(1),
                Arbitraries.integers().between(0, 24 * 4 - 1), Arbitraries.integers().between(0, 24 * 4 - 1))
                .as((days, start, end) -> new Restriction(days, LocalTime.MIDNIGHT.plusMinutes(15L * start),
                        LocalTime.MIDNIGHT.plusMinutes(15L * end)));
        return Combinators.combine(starts, Arbitraries.of(ShiftUnit.values()), Arbitraries.integers().between(1, 36),
                Arbitraries.of(PEOPLE).list().ofMinSize(1).ofMaxSize(4), Arbitraries.integers().between(1, 3),
                restrictions.list().ofMaxSize(2))
                .as((start, unit, length, people, layer, windows) -> new Rotation(UUID.randomUUID(), "layer " + layer,
                        start, unit == ShiftUnit.HOURS ? length : 1 + length % 3, unit, people, layer, windows));
    }

    @Provide
    Arbitrary<List<Rotation>> layers() {
        return rotations().list().ofMinSize(1).ofMaxSize(5);
    }

    @Provide
    Arbitrary<List<ScheduleOverride>> overrides() {
        return override().list().ofMaxSize(4);
    }

    private Arbitrary<ScheduleOverride> override() {
        return Combinators.combine(Arbitraries.of(NEAR_CHANGES), Arbitraries.integers().between(0, 24 * 4 * 21),
                Arbitraries.integers().between(1, 24 * 4 * 2), Arbitraries.of(PEOPLE),
                Arbitraries.of(PEOPLE).injectNull(0.5))
                .as((near, quarters, length, user, replaces) -> {
                    Instant start = near.atZone(ZONES.getFirst()).toInstant().plus(Duration.ofMinutes(15L * quarters));
                    return new ScheduleOverride(UUID.randomUUID(), user, replaces, start,
                            start.plus(Duration.ofMinutes(15L * length)));
                });
    }

    @Property(tries = 400)
    void aRotationsShiftsTileItsActiveTimeWithoutGapsOrOverlaps(@ForAll("rotations") Rotation rotation,
            @ForAll("intervals") Interval interval) {
        List<Shift> shifts = rotation.shifts(interval.from(), interval.to(), interval.zone());
        List<Window> windows = rotation.windows(interval.from(), interval.to(), interval.zone());
        Instant first = rotation.shiftStart(0, interval.zone());

        for (int n = 0; n < shifts.size(); n++) {
            Shift shift = shifts.get(n);
            assertThat(shift.start()).isBefore(shift.end());
            assertThat(windows).anyMatch(w -> !shift.start().isBefore(w.start()) && !shift.end().isAfter(w.end()));
            if (n > 0) {
                assertThat(shifts.get(n - 1).end()).isBeforeOrEqualTo(shift.start());
            }
        }
        // no overlap, each inside the active windows, and as long in total as the windows after the first hand-over:
        // the shifts cover the active time exactly
        Duration active = windows.stream()
                .map(w -> Duration.between(later(w.start(), first), w.end()))
                .filter(d -> d.isPositive())
                .reduce(Duration.ZERO, Duration::plus);
        assertThat(shifts.stream().map(s -> Duration.between(s.start(), s.end())).reduce(Duration.ZERO, Duration::plus))
                .isEqualTo(active);
    }

    @Property(tries = 400)
    void aRotationHasAtMostOnePersonOnCallAtAnyInstantTheOneItsShiftsName(@ForAll("rotations") Rotation rotation,
            @ForAll("intervals") Interval interval) {
        List<Shift> shifts = rotation.shifts(interval.from(), interval.to(), interval.zone());

        for (Instant at : interval.samples(shifts)) {
            List<UUID> covering = shifts.stream().filter(s -> !at.isBefore(s.start()) && at.isBefore(s.end()))
                    .map(Shift::userId).toList();
            assertThat(covering).hasSizeLessThanOrEqualTo(1);
            assertThat(rotation.onCall(at, interval.zone())).isEqualTo(covering.stream().findFirst());
        }
    }

    @Property(tries = 400)
    void theFinalScheduleIsTheTopLayerWithSomeoneOnCallAfterOverrides(
            @ForAll("layers") List<Rotation> rotations, @ForAll("overrides") List<ScheduleOverride> overrides,
            @ForAll("intervals") Interval interval) {
        Schedule schedule = new Schedule(UUID.randomUUID(), "s", interval.zone(), rotations, overrides, null);
        List<Shift> shifts = schedule.shifts(interval.from(), interval.to());

        for (Instant at : interval.samples(shifts)) {
            Set<UUID> expected = topLayerAfterOverrides(schedule, at);
            assertThat(schedule.onCall(at)).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(shifts.stream().filter(s -> !at.isBefore(s.start()) && at.isBefore(s.end())).map(Shift::userId))
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    /** The definition, written plainly: the highest layer with anyone on call, then each override in force. */
    private static Set<UUID> topLayerAfterOverrides(Schedule schedule, Instant at) {
        int top = schedule.rotations().stream().filter(r -> r.onCall(at, schedule.timeZone()).isPresent())
                .mapToInt(Rotation::layer).max().orElse(0);
        Set<UUID> onCall = new LinkedHashSet<>();
        schedule.rotations().stream().filter(r -> r.layer() == top)
                .forEach(r -> r.onCall(at, schedule.timeZone()).ifPresent(onCall::add));
        for (ScheduleOverride override : schedule.overrides()) {
            if (!override.activeAt(at)) {
                continue;
            }
            if (override.replacesUserId() == null || onCall.remove(override.replacesUserId())) {
                onCall.add(override.userId());
            }
        }
        return onCall;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
