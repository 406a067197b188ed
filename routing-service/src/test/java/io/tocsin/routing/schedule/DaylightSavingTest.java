package io.tocsin.routing.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.tocsin.routing.schedule.Rotation.ShiftUnit;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Hand-overs, restrictions and hour-counted shifts on the days clocks change. The rule: a local time the
 * clocks skip happens at the first instant after the gap; a local time they repeat happens the first time.
 */
class DaylightSavingTest {

    private final UUID ann = UUID.randomUUID();
    private final UUID ben = UUID.randomUUID();

    private static Schedule schedule(String zone, Rotation rotation) {
        return new Schedule(UUID.randomUUID(), "s", ZoneId.of(zone), List.of(rotation), List.of(), null);
    }

    private Rotation daily(String start, List<Restriction> restrictions) {
        return new Rotation(UUID.randomUUID(), "daily", LocalDateTime.parse(start), 1, ShiftUnit.DAYS,
                List.of(ann, ben), 1, restrictions);
    }

    /** The instants the schedule's shifts change hands between {@code from} and {@code to}. */
    private static List<Instant> handOvers(Schedule schedule, String from, String to) {
        return schedule.shifts(Instant.parse(from), Instant.parse(to)).stream().map(Shift::start).skip(1).toList();
    }

    private static List<Instant> instants(String... instants) {
        return Arrays.stream(instants).map(Instant::parse).toList();
    }

    @Test
    void newYorkSpringForwardHandsOverAt0230AsTheGapEndsAt0300() {
        // 2026-03-08: 02:00 EST becomes 03:00 EDT, so 02:30 does not exist that night
        Schedule night = schedule("America/New_York", daily("2026-03-06T02:30", List.of()));

        assertThat(handOvers(night, "2026-03-07T00:00:00Z", "2026-03-10T00:00:00Z")).containsExactlyElementsOf(
                instants("2026-03-07T07:30:00Z", "2026-03-08T07:00:00Z", "2026-03-09T06:30:00Z"));
    }

    @Test
    void newYorkFallBackHandsOverAtTheFirst0130() {
        // 2026-11-01: 02:00 EDT becomes 01:00 EST, so 01:30 happens at 05:30Z (EDT) and again at 06:30Z (EST)
        Schedule night = schedule("America/New_York", daily("2026-10-30T01:30", List.of()));

        assertThat(handOvers(night, "2026-10-31T00:00:00Z", "2026-11-03T00:00:00Z")).containsExactlyElementsOf(
                instants("2026-10-31T05:30:00Z", "2026-11-01T05:30:00Z", "2026-11-02T06:30:00Z"));
        assertThat(night.onCall(Instant.parse("2026-11-01T06:30:00Z"))).containsExactly(night.onCall(
                Instant.parse("2026-11-01T05:30:00Z")).iterator().next());
    }

    @Test
    void londonHandsOverInTheSkippedAndTheRepeatedHour() {
        // 2026-03-29: 01:00 GMT becomes 02:00 BST; 2026-10-25: 02:00 BST becomes 01:00 GMT
        Schedule night = schedule("Europe/London", daily("2026-03-27T01:30", List.of()));

        assertThat(handOvers(night, "2026-03-28T00:00:00Z", "2026-03-31T00:00:00Z")).containsExactlyElementsOf(
                instants("2026-03-28T01:30:00Z", "2026-03-29T01:00:00Z", "2026-03-30T00:30:00Z"));
        assertThat(handOvers(night, "2026-10-24T00:00:00Z", "2026-10-27T00:00:00Z")).containsExactlyElementsOf(
                instants("2026-10-24T00:30:00Z", "2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z"));
    }

    @Test
    void sydneyInTheSouthernHemisphereChangesTheOtherWayRound() {
        // 2026-04-05: 03:00 AEDT (+11) becomes 02:00 AEST (+10); 2026-10-04: 02:00 AEST becomes 03:00 AEDT
        Schedule night = schedule("Australia/Sydney", daily("2026-04-03T02:30", List.of()));

        assertThat(handOvers(night, "2026-04-03T00:00:00Z", "2026-04-06T00:00:00Z")).containsExactlyElementsOf(
                instants("2026-04-03T15:30:00Z", "2026-04-04T15:30:00Z", "2026-04-05T16:30:00Z"));
        assertThat(handOvers(night, "2026-10-02T00:00:00Z", "2026-10-05T00:00:00Z")).containsExactlyElementsOf(
                instants("2026-10-02T16:30:00Z", "2026-10-03T16:00:00Z", "2026-10-04T15:30:00Z"));
    }

    @Test
    void halfAndQuarterHourZonesHandOverAtTheirLocalNine() {
        Schedule kolkata = schedule("Asia/Kolkata", daily("2026-03-07T09:00", List.of()));
        Schedule kathmandu = schedule("Asia/Kathmandu", daily("2026-03-07T09:00", List.of()));

        assertThat(handOvers(kolkata, "2026-03-07T00:00:00Z", "2026-03-10T00:00:00Z")).containsExactlyElementsOf(
                instants("2026-03-08T03:30:00Z", "2026-03-09T03:30:00Z"));
        assertThat(handOvers(kathmandu, "2026-03-07T00:00:00Z", "2026-03-10T00:00:00Z")).containsExactlyElementsOf(
                instants("2026-03-08T03:15:00Z", "2026-03-09T03:15:00Z"));
    }

    @Test
    void hourCountedShiftsAreRealHoursWhateverTheClocksDo() {
        Schedule newYork = schedule("America/New_York", new Rotation(UUID.randomUUID(), "12h",
                LocalDateTime.parse("2026-03-07T08:00"), 12, ShiftUnit.HOURS, List.of(ann, ben)));
        Schedule kathmandu = schedule("Asia/Kathmandu", new Rotation(UUID.randomUUID(), "8h",
                LocalDateTime.parse("2026-03-07T09:00"), 8, ShiftUnit.HOURS, List.of(ann, ben)));

        // 20:00 EST is 01:00Z; twelve hours on is 13:00Z, which is 09:00 EDT after the change
        assertThat(handOvers(newYork, "2026-03-08T00:00:00Z", "2026-03-09T00:00:00Z")).containsExactlyElementsOf(
                instants("2026-03-08T01:00:00Z", "2026-03-08T13:00:00Z"));
        assertThat(handOvers(kathmandu, "2026-03-07T03:15:00Z", "2026-03-08T03:15:00Z")).containsExactlyElementsOf(
                instants("2026-03-07T11:15:00Z", "2026-03-07T19:15:00Z"));
    }

    @Test
    void aWholeDayRestrictionIs23HoursLongInSpringAnd25InAutumn() {
        List<Restriction> sundays = List.of(new Restriction(EnumSet.of(DayOfWeek.SUNDAY), LocalTime.MIDNIGHT,
                LocalTime.MIDNIGHT));
        Schedule spring = schedule("America/New_York", daily("2026-03-01T00:00", sundays));
        Schedule autumn = schedule("America/New_York", daily("2026-10-25T00:00", sundays));

        assertThat(onCallTime(spring, "2026-03-07T00:00:00Z", "2026-03-10T00:00:00Z")).isEqualTo(Duration.ofHours(23));
        assertThat(onCallTime(autumn, "2026-10-31T00:00:00Z", "2026-11-03T00:00:00Z")).isEqualTo(Duration.ofHours(25));
    }

    @Test
    void aRestrictionInsideTheSkippedHourIsEmptyAndOneOverTheRepeatedHourLastsTwoHours() {
        Schedule skipped = schedule("America/New_York", daily("2026-03-01T00:00", List.of(new Restriction(
                EnumSet.of(DayOfWeek.SUNDAY), LocalTime.of(2, 0), LocalTime.of(3, 0)))));
        Schedule repeated = schedule("America/New_York", daily("2026-10-25T00:00", List.of(new Restriction(
                EnumSet.of(DayOfWeek.SUNDAY), LocalTime.of(1, 0), LocalTime.of(2, 0)))));

        assertThat(onCallTime(skipped, "2026-03-07T00:00:00Z", "2026-03-10T00:00:00Z")).isZero();
        // 01:00 EDT (05:00Z) to 02:00 EST (07:00Z): both 01:00-02:00 hours of the night
        assertThat(repeated.shifts(Instant.parse("2026-10-31T00:00:00Z"), Instant.parse("2026-11-03T00:00:00Z")))
                .extracting(Shift::start, Shift::end)
                .containsExactly(tuple(Instant.parse("2026-11-01T05:00:00Z"),
                        Instant.parse("2026-11-01T07:00:00Z")));
    }

    @Test
    void officeHoursOnTheDayOfTheChangeKeepTheirLocalTimes() {
        List<Restriction> office = List.of(new Restriction(EnumSet.allOf(DayOfWeek.class), LocalTime.of(9, 0),
                LocalTime.of(17, 0)));
        Schedule london = schedule("Europe/London", daily("2026-03-27T09:00", office));

        assertThat(london.shifts(Instant.parse("2026-03-28T00:00:00Z"), Instant.parse("2026-03-30T00:00:00Z")))
                .extracting(Shift::start, Shift::end)
                .containsExactly(
                        tuple(Instant.parse("2026-03-28T09:00:00Z"),
                                Instant.parse("2026-03-28T17:00:00Z")),
                        tuple(Instant.parse("2026-03-29T08:00:00Z"),
                                Instant.parse("2026-03-29T16:00:00Z")));
    }

    private static Duration onCallTime(Schedule schedule, String from, String to) {
        return schedule.shifts(Instant.parse(from), Instant.parse(to)).stream()
                .map(shift -> Duration.between(shift.start(), shift.end()))
                .reduce(Duration.ZERO, Duration::plus);
    }
}
