package io.tocsin.routing.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.routing.schedule.Rotation.ShiftUnit;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Who is on call, including across daylight-saving changes, where other tools page the wrong person. */
class ScheduleTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private final UUID ann = UUID.randomUUID();
    private final UUID ben = UUID.randomUUID();
    private final UUID cat = UUID.randomUUID();

    private Schedule schedule(ZoneId zone, List<ScheduleOverride> overrides, Rotation... rotations) {
        return new Schedule(UUID.randomUUID(), "primary", zone, List.of(rotations), overrides, null);
    }

    private Rotation rotation(String start, int length, ShiftUnit unit, UUID... people) {
        return new Rotation(UUID.randomUUID(), "r", LocalDateTime.parse(start), length, unit, List.of(people));
    }

    private Rotation layer(int layer, List<Restriction> restrictions, String start, int length, ShiftUnit unit,
            UUID... people) {
        return new Rotation(UUID.randomUUID(), "layer " + layer, LocalDateTime.parse(start), length, unit,
                List.of(people), layer, restrictions);
    }

    private static final List<Restriction> OFFICE_HOURS = List.of(new Restriction(
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(9, 0), LocalTime.of(17, 0)));

    @Test
    void aDailyHandOverAtNineStaysAtNineLocalWhenTheClocksGoForward() {
        // Berlin springs forward on 2026-03-29: 09:00 is 08:00Z before, 07:00Z after
        Schedule daily = schedule(BERLIN, List.of(), rotation("2026-03-27T09:00", 1, ShiftUnit.DAYS, ann, ben, cat));

        assertThat(daily.onCall(Instant.parse("2026-03-27T08:00:00Z"))).containsExactly(ann);
        assertThat(daily.onCall(Instant.parse("2026-03-28T07:59:59Z"))).containsExactly(ann);
        assertThat(daily.onCall(Instant.parse("2026-03-28T08:00:00Z"))).containsExactly(ben);
        assertThat(daily.onCall(Instant.parse("2026-03-29T06:59:59Z"))).containsExactly(ben);
        assertThat(daily.onCall(Instant.parse("2026-03-29T07:00:00Z"))).containsExactly(cat);
        assertThat(daily.onCall(Instant.parse("2026-03-30T07:00:00Z"))).containsExactly(ann);
    }

    @Test
    void aWeeklyHandOverStaysOnMondayMorningWhenTheClocksGoBack() {
        // New York falls back on 2026-11-01: Monday 09:00 is 13:00Z on Oct 26 (EDT), 14:00Z on Nov 2 (EST)
        Schedule weekly = schedule(NEW_YORK, List.of(), rotation("2026-10-26T09:00", 1, ShiftUnit.WEEKS, ann, ben));

        assertThat(weekly.onCall(Instant.parse("2026-10-26T12:59:59Z"))).isEmpty();
        assertThat(weekly.onCall(Instant.parse("2026-10-26T13:00:00Z"))).containsExactly(ann);
        assertThat(weekly.onCall(Instant.parse("2026-11-02T13:59:59Z"))).containsExactly(ann);
        assertThat(weekly.onCall(Instant.parse("2026-11-02T14:00:00Z"))).containsExactly(ben);
        assertThat(weekly.onCall(Instant.parse("2027-03-01T14:00:00Z"))).containsExactly(ann);
    }

    @Test
    void twelveHourShiftsAreTwelveRealHoursAcrossTheChange() {
        // 20:00 CET on the 28th is 19:00Z; twelve hours on is 07:00Z, which is 09:00 CEST
        Schedule halfDays = schedule(BERLIN, List.of(), rotation("2026-03-28T20:00", 12, ShiftUnit.HOURS, ann, ben));

        assertThat(halfDays.onCall(Instant.parse("2026-03-29T06:59:59Z"))).containsExactly(ann);
        assertThat(halfDays.onCall(Instant.parse("2026-03-29T07:00:00Z"))).containsExactly(ben);
        assertThat(halfDays.onCall(Instant.parse("2026-03-29T19:00:00Z"))).containsExactly(ann);
    }

    @Test
    void aHandOverInTheSkippedHourHappensAsSoonAsTheGapEnds() {
        // 02:30 does not exist in Berlin on 2026-03-29: clocks jump from 02:00 CET to 03:00 CEST (01:00Z)
        Schedule night = schedule(BERLIN, List.of(), rotation("2026-03-28T02:30", 1, ShiftUnit.DAYS, ann, ben));

        assertThat(night.onCall(Instant.parse("2026-03-29T00:59:59Z"))).containsExactly(ann);
        assertThat(night.onCall(Instant.parse("2026-03-29T01:00:00Z"))).containsExactly(ben);
        assertThat(night.onCall(Instant.parse("2026-03-30T00:29:59Z"))).containsExactly(ben);
        assertThat(night.onCall(Instant.parse("2026-03-30T00:30:00Z"))).containsExactly(ann);
    }

    @Test
    void rotationsOfOneLayerAddUpAndOverridesReplaceOrAddForTheirWindowOnly() {
        Instant from = Instant.parse("2026-06-01T10:00:00Z");
        Instant to = Instant.parse("2026-06-01T12:00:00Z");
        Schedule layered = schedule(BERLIN,
                List.of(new ScheduleOverride(UUID.randomUUID(), cat, ann, from, to),
                        new ScheduleOverride(UUID.randomUUID(), ben, null, from, to)),
                rotation("2026-05-01T09:00", 1, ShiftUnit.WEEKS, ann),
                rotation("2026-05-01T09:00", 1, ShiftUnit.WEEKS, ben));

        assertThat(layered.onCall(from.minusSeconds(1))).containsExactlyInAnyOrder(ann, ben);
        assertThat(layered.onCall(from)).containsExactlyInAnyOrder(cat, ben);
        assertThat(layered.onCall(to)).containsExactlyInAnyOrder(ann, ben);
    }

    @Test
    void aHigherLayerWinsInsideItsRestrictionsAndTheLowerShowsThroughOutside() {
        // week of 2026-06-01 (Monday); Berlin is UTC+2 in summer
        Schedule layered = schedule(BERLIN, List.of(),
                layer(1, List.of(), "2026-06-01T00:00", 1, ShiftUnit.WEEKS, ann),
                layer(2, OFFICE_HOURS, "2026-06-01T00:00", 1, ShiftUnit.DAYS, ben, cat));

        assertThat(layered.onCall(Instant.parse("2026-06-01T06:59:59Z"))).containsExactly(ann);
        assertThat(layered.onCall(Instant.parse("2026-06-01T07:00:00Z"))).containsExactly(ben);
        assertThat(layered.onCall(Instant.parse("2026-06-01T14:59:59Z"))).containsExactly(ben);
        assertThat(layered.onCall(Instant.parse("2026-06-01T15:00:00Z"))).containsExactly(ann);
        assertThat(layered.onCall(Instant.parse("2026-06-02T08:00:00Z"))).containsExactly(cat);
        // Saturday: office hours do not apply
        assertThat(layered.onCall(Instant.parse("2026-06-06T10:00:00Z"))).containsExactly(ann);
    }

    @Test
    void aNightRestrictionRunsIntoTheNextMorning() {
        Schedule nights = schedule(BERLIN, List.of(), layer(1, List.of(new Restriction(EnumSet.of(DayOfWeek.FRIDAY),
                LocalTime.of(17, 0), LocalTime.of(9, 0))), "2026-06-01T00:00", 1, ShiftUnit.WEEKS, ann));

        assertThat(nights.onCall(Instant.parse("2026-06-05T14:59:59Z"))).isEmpty();
        assertThat(nights.onCall(Instant.parse("2026-06-05T15:00:00Z"))).containsExactly(ann);
        assertThat(nights.onCall(Instant.parse("2026-06-06T06:59:59Z"))).containsExactly(ann);
        assertThat(nights.onCall(Instant.parse("2026-06-06T07:00:00Z"))).isEmpty();
    }

    @Test
    void overridesApplyToTheWinningLayer() {
        Instant from = Instant.parse("2026-06-01T10:00:00Z");
        Instant to = Instant.parse("2026-06-01T12:00:00Z");
        Schedule layered = schedule(BERLIN, List.of(new ScheduleOverride(UUID.randomUUID(), cat, ben, from, to),
                        new ScheduleOverride(UUID.randomUUID(), ann, null, to, to.plusSeconds(3600))),
                layer(2, OFFICE_HOURS, "2026-06-01T00:00", 1, ShiftUnit.DAYS, ben),
                layer(1, List.of(), "2026-06-01T00:00", 1, ShiftUnit.WEEKS, ann));

        assertThat(layered.onCall(from.minusSeconds(1))).containsExactly(ben);
        assertThat(layered.onCall(from)).containsExactly(cat);
        assertThat(layered.onCall(to)).containsExactly(ben, ann);
    }

    @Test
    void theFinalShiftsShowWhoWinsWhenAndWhyWithTheSamePersonsTurnsMerged() {
        UUID overrideId = UUID.randomUUID();
        Instant coverFrom = Instant.parse("2026-06-02T10:00:00Z");
        Instant coverTo = Instant.parse("2026-06-02T12:00:00Z");
        Rotation weekly = layer(1, List.of(), "2026-06-01T00:00", 1, ShiftUnit.DAYS, ann);
        Rotation office = layer(2, OFFICE_HOURS, "2026-06-01T00:00", 1, ShiftUnit.DAYS, ben);
        Schedule layered = schedule(BERLIN, List.of(new ScheduleOverride(overrideId, cat, ben, coverFrom, coverTo)),
                weekly, office);

        List<Shift> shifts = layered.shifts(Instant.parse("2026-06-01T22:00:00Z"), Instant.parse("2026-06-03T00:00:00Z"));

        Shift.Source low = new Shift.Source(1, "layer 1", null);
        Shift.Source high = new Shift.Source(2, "layer 2", null);
        assertThat(shifts).containsExactly(
                // Ann's daily turns of the 1st and 2nd are one shift until office hours begin (07:00Z in summer)
                new Shift(Instant.parse("2026-06-01T22:00:00Z"), Instant.parse("2026-06-02T07:00:00Z"), ann, low),
                new Shift(Instant.parse("2026-06-02T07:00:00Z"), coverFrom, ben, high),
                new Shift(coverFrom, coverTo, cat, new Shift.Source(null, null, overrideId)),
                new Shift(coverTo, Instant.parse("2026-06-02T15:00:00Z"), ben, high),
                new Shift(Instant.parse("2026-06-02T15:00:00Z"), Instant.parse("2026-06-03T00:00:00Z"), ann, low));
    }

    @Test
    void nobodyIsOnCallBeforeTheFirstShiftOrInARotationWithoutParticipants() {
        Schedule empty = schedule(BERLIN, List.of(), rotation("2026-05-01T09:00", 1, ShiftUnit.DAYS));

        assertThat(empty.onCall(Instant.parse("2026-06-01T10:00:00Z"))).isEmpty();
    }

    @Test
    void restrictionDaysAreInWeekOrderHoweverTheyCameSoThatTheScheduleReadsTheSameEveryTime() {
        Set<DayOfWeek> backwards = new LinkedHashSet<>(List.of(DayOfWeek.values()).reversed());

        Restriction restriction = new Restriction(backwards, LocalTime.of(9, 0), LocalTime.of(17, 0));

        assertThat(restriction.days()).containsExactly(DayOfWeek.values());
        assertThat(JsonMapper.shared().writeValueAsString(restriction))
                .startsWith("{\"days\":[\"MONDAY\",\"TUESDAY\",\"WEDNESDAY\",\"THURSDAY\",\"FRIDAY\",\"SATURDAY\",\"SUNDAY\"]");
    }
}
