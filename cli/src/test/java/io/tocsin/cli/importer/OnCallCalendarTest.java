package io.tocsin.cli.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.tocsin.cli.config.ConfigDocument.Restriction;
import io.tocsin.cli.config.ConfigDocument.Rotation;
import io.tocsin.cli.config.ConfigDocument.Schedule;
import io.tocsin.cli.config.ConfigDocument.ScheduleOverride;
import io.tocsin.cli.config.ConfigDocument.ShiftUnit;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Calendar feeds of OnCall's iCal schedules, read the way OnCall reads them, as Tocsin schedules. */
class OnCallCalendarTest {

    static final Instant NOW = Instant.parse("2027-03-01T00:00:00Z");
    static final Map<String, String> USERS = Map.of("ada", "ada@example.net", "bo@example.net", "bo@example.net",
            "cy", "cy@example.net");

    final ImportReport report = new ImportReport();

    Schedule read(String primary, String overrides) {
        return new OnCallCalendar("DBA", ZoneId.of("Europe/Paris"), report, name -> USERS.get(name.toLowerCase()),
                "ada@example.net")
                .schedule("Data", primary, overrides, NOW);
    }

    static String feed(String... events) {
        StringBuilder ics = new StringBuilder("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//test//EN\r\n");
        for (int i = 0; i < events.length; i++) {
            ics.append("BEGIN:VEVENT\r\nDTSTAMP:20270101T000000Z\r\n")
                    .append(events[i].contains("UID:") ? "" : "UID:" + i + "@test\r\n")
                    .append(events[i].replace("\n", "\r\n")).append("\r\nEND:VEVENT\r\n");
        }
        return ics.append("END:VCALENDAR\r\n").toString();
    }

    @Test
    void aWeeklyTurnOnWeekdaysInTheSchedulesZoneIsARotationWithItsWindows() {
        Schedule schedule = read(feed("""
                DTSTART;TZID=Europe/Paris:20270104T080000
                DTEND;TZID=Europe/Paris:20270104T180000
                RRULE:FREQ=WEEKLY;BYDAY=MO,WE
                SUMMARY:[L2] ada"""), null);

        assertThat(schedule.rotations()).containsExactly(new Rotation("ada", 3,
                LocalDateTime.parse("2027-01-04T08:00:00"), 1, ShiftUnit.WEEKS, List.of("ada@example.net"), List.of(
                        new Restriction(List.of(DayOfWeek.MONDAY), LocalTime.of(8, 0), LocalTime.of(18, 0)),
                        new Restriction(List.of(DayOfWeek.WEDNESDAY), LocalTime.of(8, 0), LocalTime.of(18, 0)))));
        assertThat(schedule.overrides()).isEmpty();
        assertThat(report.notCarried()).isEmpty();
    }

    @Test
    void seriesEveryOtherDayStartingOneAfterAnotherAreOneRotationOfTheirPeople() {
        Schedule schedule = read(feed("""
                DTSTART;TZID=Europe/Paris:20270102T070000
                DTEND;TZID=Europe/Paris:20270102T190000
                RRULE:FREQ=DAILY;INTERVAL=2
                SUMMARY:cy""", """
                DTSTART;TZID=Europe/Paris:20270101T070000
                DTEND;TZID=Europe/Paris:20270101T190000
                RRULE:FREQ=DAILY;INTERVAL=2
                SUMMARY:ada"""), null);

        assertThat(schedule.rotations()).containsExactly(new Rotation("ada", 1,
                LocalDateTime.parse("2027-01-01T07:00:00"), 1, ShiftUnit.DAYS, List.of("ada@example.net",
                        "cy@example.net"), List.of(new Restriction(List.of(DayOfWeek.values()), LocalTime.of(7, 0),
                        LocalTime.of(19, 0)))));
        assertThat(schedule.overrides()).isEmpty();
    }

    @Test
    void fortnightlySeriesWhoseWeeksDoNotStartWithTheirFirstDayAreOverrides() {
        // weeks of the rule start on Monday: a Sunday and the Monday after are of different weeks, so of different
        // people (the week of 1 March is cy's, Monday to Sunday), which no rotation's turn from Sunday has
        Schedule schedule = read(feed("""
                DTSTART;TZID=Europe/Paris:20270103T090000
                DTEND;TZID=Europe/Paris:20270103T170000
                RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=SU,MO
                SUMMARY:ada""", """
                DTSTART;TZID=Europe/Paris:20270110T090000
                DTEND;TZID=Europe/Paris:20270110T170000
                RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=SU,MO
                SUMMARY:cy"""), null);

        assertThat(schedule.rotations()).containsExactly(OnCallCalendar.nobody("ada@example.net"));
        assertThat(schedule.overrides()).extracting(ScheduleOverride::user, ScheduleOverride::startsAt).startsWith(
                tuple("cy@example.net", Instant.parse("2027-03-01T08:00:00Z")),
                tuple("cy@example.net", Instant.parse("2027-03-07T08:00:00Z")),
                tuple("ada@example.net", Instant.parse("2027-03-08T08:00:00Z")));
    }

    @Test
    void aSeriesWithAnExceptionOrAMovedInstanceIsCarriedAsOverridesWithoutThem() {
        Schedule schedule = read(feed("""
                DTSTART;TZID=Europe/Paris:20270301T090000
                DTEND;TZID=Europe/Paris:20270301T100000
                RRULE:FREQ=DAILY;UNTIL=20270304T235959Z
                EXDATE;TZID=Europe/Paris:20270302T090000
                SUMMARY:ada""", """
                DTSTART;TZID=Europe/Paris:20270303T090000
                DTEND;TZID=Europe/Paris:20270303T100000
                RRULE:FREQ=DAILY;COUNT=1
                SUMMARY:cy""", """
                UID:0@test
                RECURRENCE-ID;TZID=Europe/Paris:20270303T090000
                DTSTART;TZID=Europe/Paris:20270303T140000
                DTEND;TZID=Europe/Paris:20270303T150000
                SUMMARY:ada"""), null);

        assertThat(schedule.rotations()).containsExactly(OnCallCalendar.nobody("ada@example.net"));
        assertThat(schedule.overrides()).extracting(ScheduleOverride::user, ScheduleOverride::startsAt)
                .containsExactly(
                        tuple("ada@example.net", Instant.parse("2027-03-01T08:00:00Z")),
                        tuple("cy@example.net", Instant.parse("2027-03-03T08:00:00Z")),
                        tuple("ada@example.net", Instant.parse("2027-03-03T13:00:00Z")),
                        tuple("ada@example.net", Instant.parse("2027-03-04T08:00:00Z")));
    }

    @Test
    void theOverridesCalendarWinsOverEveryPriorityAndAnAttendeeIsFoundByEmail() {
        Schedule schedule = read(feed("""
                DTSTART;TZID=Europe/Paris:20270101T000000
                DTEND;TZID=Europe/Paris:20270102T000000
                RRULE:FREQ=DAILY
                SUMMARY:[L3] ada"""), feed("""
                DTSTART:20270310T120000Z
                DTEND:20270310T130000Z
                ATTENDEE;CN=Bo:mailto:BO@example.net
                SUMMARY:Swap"""));

        assertThat(schedule.rotations()).extracting(Rotation::layer, Rotation::restrictions)
                .containsExactly(tuple(4, List.of()));
        assertThat(schedule.overrides()).containsExactlyInAnyOrder(
                new ScheduleOverride("bo@example.net", null, Instant.parse("2027-03-10T12:00:00Z"),
                        Instant.parse("2027-03-10T13:00:00Z")),
                new ScheduleOverride("bo@example.net", "ada@example.net", Instant.parse("2027-03-10T12:00:00Z"),
                        Instant.parse("2027-03-10T13:00:00Z")));
    }

    @Test
    void anAllDayEventIsADayOfTheSchedulesZone() {
        Schedule schedule = read(feed("""
                DTSTART;VALUE=DATE:20270301
                DTEND;VALUE=DATE:20270302
                RRULE:FREQ=WEEKLY
                SUMMARY:cy""", """
                DTSTART;VALUE=DATE:20270305
                DTEND;VALUE=DATE:20270306
                RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=2
                SUMMARY:ada"""), null);

        assertThat(schedule.rotations()).extracting(Rotation::participants, Rotation::restrictions)
                .containsExactly(tuple(List.of("cy@example.net"), List.of(new Restriction(List.of(DayOfWeek.MONDAY),
                        LocalTime.MIDNIGHT, LocalTime.MIDNIGHT))));
        assertThat(schedule.overrides()).extracting(ScheduleOverride::user, ScheduleOverride::startsAt,
                ScheduleOverride::endsAt).containsExactly(
                        tuple("ada@example.net", Instant.parse("2027-03-04T23:00:00Z"),
                                Instant.parse("2027-03-05T23:00:00Z")),
                        tuple("ada@example.net", Instant.parse("2027-03-18T23:00:00Z"),
                                Instant.parse("2027-03-19T23:00:00Z")));
    }

    @Test
    void anEventNamingNobodyOnCallIsReportedAndAnUnreadableFeedToo() {
        Schedule schedule = read(feed("""
                DTSTART:20270310T120000Z
                DTEND:20270310T130000Z
                SUMMARY:Team offsite"""), "not a calendar");

        assertThat(schedule.rotations()).containsExactly(OnCallCalendar.nobody("ada@example.net"));
        assertThat(schedule.overrides()).isEmpty();
        assertThat(report.notCarried()).anySatisfy(line -> assertThat(line)
                .startsWith("schedule 'DBA', event 'Team offsite': it names no OnCall user"))
                .anySatisfy(line -> assertThat(line).startsWith("schedule 'DBA': its calendar could not be read"));
    }
}
