package io.tocsin.testkit;

import io.tocsin.testkit.FakeGrafanaOnCall.CalendarEvent;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneOffsetTransitionRule;
import java.util.List;
import java.util.function.Function;

/**
 * A calendar feed as calendar apps publish one (RFC 5545): a VTIMEZONE for the zone, events with DTSTART and DTEND in
 * it (TZID), RRULE, the user in SUMMARY or as ATTENDEE, CRLF line ends and long lines folded at 75 octets.
 */
final class IcalFeed {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

    private IcalFeed() {
    }

    static String write(String name, ZoneId zone, List<CalendarEvent> events, Function<String, String> username,
            Function<String, String> email) {
        StringBuilder ics = new StringBuilder();
        line(ics, "BEGIN:VCALENDAR");
        line(ics, "PRODID:-//Google Inc//Google Calendar 70.9054//EN");
        line(ics, "VERSION:2.0");
        line(ics, "CALSCALE:GREGORIAN");
        line(ics, "METHOD:PUBLISH");
        line(ics, "X-WR-CALNAME:" + name);
        line(ics, "X-WR-TIMEZONE:" + zone.getId());
        timeZone(ics, zone);
        int uid = 0;
        for (CalendarEvent event : events) {
            line(ics, "BEGIN:VEVENT");
            line(ics, "DTSTART;TZID=" + zone.getId() + ":" + LOCAL.format(event.start()));
            line(ics, "DTEND;TZID=" + zone.getId() + ":" + LOCAL.format(event.start()
                    .plusSeconds(event.durationSeconds())));
            if (event.frequency() != null) {
                line(ics, "RRULE:FREQ=" + event.frequency() + (event.interval() > 1 ? ";INTERVAL=" + event.interval()
                        : "") + (event.byDay().isEmpty() ? "" : ";BYDAY=" + String.join(",", event.byDay())));
            }
            line(ics, "DTSTAMP:20261101T120000Z");
            line(ics, "UID:" + (++uid) + "-" + Integer.toHexString(name.hashCode()) + "@google.com");
            String priority = event.priority() > 0 ? "[L" + event.priority() + "] " : "";
            if (event.asAttendee()) {
                line(ics, "ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN="
                        + username.apply(event.userId()) + ";X-NUM-GUESTS=0:mailto:" + email.apply(event.userId()));
                line(ics, "SUMMARY:" + priority + "On call");
            } else {
                line(ics, "SUMMARY:" + priority + username.apply(event.userId()));
            }
            line(ics, "STATUS:CONFIRMED");
            line(ics, "TRANSP:OPAQUE");
            line(ics, "END:VEVENT");
        }
        line(ics, "END:VCALENDAR");
        return ics.toString();
    }

    /** The zone's current rules as a VTIMEZONE: a yearly DAYLIGHT and STANDARD change, or a fixed offset. */
    private static void timeZone(StringBuilder ics, ZoneId zone) {
        line(ics, "BEGIN:VTIMEZONE");
        line(ics, "TZID:" + zone.getId());
        List<ZoneOffsetTransitionRule> rules = zone.getRules().getTransitionRules();
        if (rules.isEmpty()) {
            ZoneOffset offset = zone.getRules().getOffset(java.time.Instant.EPOCH);
            observance(ics, "STANDARD", offset, offset, LocalDateTime.of(1970, 1, 1, 0, 0), null);
        }
        for (ZoneOffsetTransitionRule rule : rules) {
            ZoneOffsetTransition change = rule.createTransition(1970);
            int indicator = rule.getDayOfMonthIndicator();
            String week = indicator < 0 || indicator > 21 ? "-1" : String.valueOf((indicator - 1) / 7 + 1);
            observance(ics, change.isGap() ? "DAYLIGHT" : "STANDARD", change.getOffsetBefore(),
                    change.getOffsetAfter(), change.getDateTimeBefore(), "FREQ=YEARLY;BYMONTH="
                            + rule.getMonth().getValue() + ";BYDAY=" + week
                            + rule.getDayOfWeek().name().substring(0, 2));
        }
        line(ics, "END:VTIMEZONE");
    }

    private static void observance(StringBuilder ics, String kind, ZoneOffset from, ZoneOffset to,
            LocalDateTime start, String rrule) {
        line(ics, "BEGIN:" + kind);
        line(ics, "TZOFFSETFROM:" + offset(from));
        line(ics, "TZOFFSETTO:" + offset(to));
        line(ics, "DTSTART:" + LOCAL.format(start));
        if (rrule != null) {
            line(ics, "RRULE:" + rrule);
        }
        line(ics, "END:" + kind);
    }

    private static String offset(ZoneOffset offset) {
        return offset.getId().equals("Z") ? "+0000" : offset.getId().replace(":", "");
    }

    /** A content line, folded after 75 octets as RFC 5545 asks. */
    private static void line(StringBuilder ics, String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        int from = 0;
        while (bytes.length - from > 75) {
            int to = from + (from == 0 ? 75 : 74);
            // never split a character of several octets
            while ((bytes[to] & 0xC0) == 0x80) {
                to--;
            }
            ics.append(new String(bytes, from, to - from, StandardCharsets.UTF_8)).append("\r\n ");
            from = to;
        }
        ics.append(new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8)).append("\r\n");
    }
}
