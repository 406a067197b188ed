package io.tocsin.cli.importer;

import io.tocsin.cli.config.ConfigDocument.Restriction;
import io.tocsin.cli.config.ConfigDocument.Rotation;
import io.tocsin.cli.config.ConfigDocument.Schedule;
import io.tocsin.cli.config.ConfigDocument.ScheduleOverride;
import io.tocsin.cli.config.ConfigDocument.ShiftUnit;
import java.io.IOException;
import java.io.StringReader;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.Recur;
import net.fortuna.ical4j.model.WeekDay;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DateListProperty;
import net.fortuna.ical4j.model.property.DateProperty;
import net.fortuna.ical4j.model.property.RRule;
import net.fortuna.ical4j.transform.recurrence.Frequency;

/**
 * A Grafana OnCall schedule kept in iCal feeds, as a Tocsin schedule. OnCall reads an event's users from its SUMMARY
 * (after an optional {@code [L<n>]} priority), DESCRIPTION and ATTENDEE, by username or email; at an instant the
 * overrides feed wins if it has someone, and within a feed the highest priority with someone. So each feed's
 * priorities become layers, the overrides feed's above the primary's. Daily and weekly series in the schedule's zone
 * with no end become rotations (exact for ever): one-person rotations if every day or week, a rotation of n people if
 * n series every n days or weeks start one after another; everything else (single events, other recurrences) becomes
 * overrides within {@link #HORIZON}, wherever it changes who the rotations put on call.
 */
final class OnCallCalendar {

    /** How far ahead events that are not rotations are carried over as overrides. */
    static final Duration HORIZON = Duration.ofDays(26 * 7);

    /** As many rotations as a Tocsin schedule takes. */
    private static final int MOST_ROTATIONS = 20;

    private static final Pattern PRIORITY = Pattern.compile("\\[L(\\d+)]");

    /** One event of a feed: on call {@code users}, at {@code layer}. */
    private record Event(String title, int layer, Set<String> users, VEvent event, ZonedDateTime start,
            Duration localLength, Set<Instant> excluded) {
    }

    /** An event's occurrence, start and end as instants. */
    private record Occurrence(Instant start, Instant end, int layer, Set<String> users) {
    }

    private final String name;
    private final ZoneId zone;
    private final ImportReport report;
    private final Function<String, String> email;
    private final String anyone;

    /**
     * {@code email} answers the email of the OnCall user an event names (a username or an email), or null;
     * {@code anyone} is a user of the account, for {@link #nobody}.
     */
    OnCallCalendar(String name, ZoneId zone, ImportReport report, Function<String, String> email, String anyone) {
        this.name = name;
        this.zone = zone;
        this.report = report;
        this.email = email;
        this.anyone = anyone;
    }

    /**
     * A Tocsin schedule has at least one rotation: for a calendar without turns, one that starts in the year 9999,
     * so that {@code user} is never on call in it.
     */
    static Rotation nobody(String user) {
        return new Rotation("nobody (the calendar has no turns)", 1, LocalDateTime.of(9999, 1, 1, 0, 0), 1,
                ShiftUnit.WEEKS, List.of(user), List.of());
    }

    /** The schedule the feeds' texts ({@code overrides} may be null) describe, its overrides from {@code now}. */
    Schedule schedule(String team, String primary, String overrides, Instant now) {
        List<Event> events = new ArrayList<>(events(primary, 0));
        int above = events.stream().mapToInt(Event::layer).max().orElse(0);
        if (overrides != null) {
            events.addAll(events(overrides, above));
        }
        Map<Event, Rotation> taking = rotations(events);
        List<Rotation> kept = new ArrayList<>(new LinkedHashSet<>(taking.values()));
        if (kept.size() > MOST_ROTATIONS) {
            report.notCarried("schedule '" + name + "': " + (kept.size() - MOST_ROTATIONS) + " of its series as"
                    + " rotations", "a Tocsin schedule has at most " + MOST_ROTATIONS + " rotations: they are"
                    + " overrides for the next " + HORIZON.toDays() / 7 + " weeks");
            kept = kept.subList(0, MOST_ROTATIONS);
            taking.values().retainAll(kept);
        }
        List<Rotation> rotations = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Rotation rotation : kept) {
            // a rotation's name is unique in its schedule
            String title = rotation.name();
            for (int n = 2; !names.add(title); n++) {
                title = rotation.name() + " (" + n + ")";
            }
            rotations.add(new Rotation(title, rotation.layer(), rotation.start(), rotation.shiftLength(),
                    rotation.shiftUnit(), rotation.participants(), rotation.restrictions()));
        }
        Instant until = now.plus(HORIZON);
        List<Occurrence> all = new ArrayList<>();
        List<Occurrence> ofRotations = new ArrayList<>();
        for (Event event : events) {
            List<Occurrence> occurrences = occurrences(event, now, until);
            all.addAll(occurrences);
            if (taking.containsKey(event)) {
                ofRotations.addAll(occurrences);
            }
        }
        if (rotations.isEmpty()) {
            rotations.add(nobody(events.isEmpty() ? anyone : events.getFirst().users().iterator().next()));
        }
        return new Schedule(name, team, zone.getId(), rotations, overrides(all, ofRotations, now, until));
    }

    /**
     * Overrides wherever the rotations alone would have others on call than all events together, each putting on
     * call who OnCall would.
     */
    private static List<ScheduleOverride> overrides(List<Occurrence> all, List<Occurrence> ofRotations,
            Instant from, Instant until) {
        TreeSet<Instant> changes = new TreeSet<>(List.of(from, until));
        for (Occurrence occurrence : all) {
            for (Instant change : List.of(occurrence.start(), occurrence.end())) {
                if (change.isAfter(from) && change.isBefore(until)) {
                    changes.add(change);
                }
            }
        }
        List<ScheduleOverride> overrides = new ArrayList<>();
        Instant openedAt = null;
        Set<String> opened = Set.of();
        // whom the rotations have on call while the override is open: it replaces them
        Set<String> replaced = new TreeSet<>();
        for (Instant at : changes) {
            Set<String> onCall = at.equals(until) ? Set.of() : onCall(all, at);
            Set<String> rotationsHave = onCall(ofRotations, at);
            boolean differs = !onCall.isEmpty() && !onCall.equals(rotationsHave);
            if (openedAt != null && !(differs && onCall.equals(opened))) {
                overrides.addAll(Rotations.takingOver(opened, replaced, openedAt, at));
                openedAt = null;
            }
            if (differs && openedAt == null) {
                openedAt = at;
                opened = onCall;
                replaced.clear();
            }
            if (differs) {
                replaced.addAll(rotationsHave);
            }
        }
        return overrides;
    }

    /** Everyone of the highest layer with someone on call at {@code at}. */
    private static Set<String> onCall(List<Occurrence> occurrences, Instant at) {
        Set<String> users = new TreeSet<>();
        int top = Integer.MIN_VALUE;
        for (Occurrence occurrence : occurrences) {
            if (at.isBefore(occurrence.start()) || !at.isBefore(occurrence.end()) || occurrence.layer() < top) {
                continue;
            }
            if (occurrence.layer() > top) {
                users.clear();
                top = occurrence.layer();
            }
            users.addAll(occurrence.users());
        }
        return users;
    }

    /**
     * How an event recurs, if as a rotation's turn can: every {@code interval} days or weeks ({@code daily} or not),
     * on {@code days} (none: every day, or the start's weekday), at a time of day, for a length, with no end.
     */
    private record Turn(int layer, boolean daily, int interval, List<DayOfWeek> days, LocalTime at,
            Duration length) {
    }

    /**
     * Rotations for the events that recur as turns do: on their own if every day or week; a series every n days or
     * weeks together with the n - 1 others of its layer and times starting one day or week after another, as a
     * rotation of n people (the fortnightly pair, the three-weekly trio).
     */
    private Map<Event, Rotation> rotations(List<Event> events) {
        Map<Event, Rotation> rotations = new LinkedHashMap<>();
        Map<Turn, List<Event>> series = new LinkedHashMap<>();
        for (Event event : events) {
            turn(event).ifPresent(turn -> series.computeIfAbsent(turn, key -> new ArrayList<>()).add(event));
        }
        series.forEach((turn, taking) -> {
            if (turn.interval() == 1) {
                taking.forEach(event -> rotations.put(event, rotation(turn, List.of(event))));
                return;
            }
            List<Event> inTurn = taking.stream().sorted(Comparator.comparing(Event::start)).toList();
            LocalDateTime first = inTurn.getFirst().start().toLocalDateTime();
            boolean oneAfterAnother = inTurn.size() == turn.interval();
            for (int k = 0; k < inTurn.size() && oneAfterAnother; k++) {
                oneAfterAnother = inTurn.get(k).start().toLocalDateTime()
                        .equals(turn.daily() ? first.plusDays(k) : first.plusWeeks(k));
            }
            if (oneAfterAnother) {
                Rotation rotation = rotation(turn, inTurn);
                inTurn.forEach(event -> rotations.put(event, rotation));
            }
        });
        return rotations;
    }

    /** The turn of a series of one person recurring daily or weekly, in this schedule's zone, for ever. */
    private Optional<Turn> turn(Event event) {
        Optional<RRule<Temporal>> rule = event.event().getProperty(Property.RRULE);
        if (rule.isEmpty() || !event.start().getZone().equals(zone)
                || !event.event().getProperties(Property.RDATE).isEmpty()
                || !event.excluded().isEmpty()
                || event.event().getProperty(Property.RECURRENCE_ID).isPresent() || event.users().size() != 1) {
            return Optional.empty();
        }
        Recur<Temporal> recur = recur(rule.get());
        boolean daily = recur.getFrequency() == Frequency.DAILY;
        if ((!daily && recur.getFrequency() != Frequency.WEEKLY) || recur.getCount() >= 0
                || recur.getUntil() != null || !recur.getMonthList().isEmpty() || !recur.getMonthDayList().isEmpty()
                || !recur.getYearDayList().isEmpty() || !recur.getWeekNoList().isEmpty()
                || !recur.getHourList().isEmpty() || !recur.getMinuteList().isEmpty()
                || !recur.getSecondList().isEmpty() || !recur.getSetPosList().isEmpty()
                || recur.getDayList().stream().anyMatch(day -> day.getOffset() != 0)) {
            return Optional.empty();
        }
        int interval = Math.max(1, recur.getInterval());
        List<DayOfWeek> days = recur.getDayList().stream().map(WeekDay::getDayOfWeek).sorted().distinct().toList();
        LocalDateTime start = event.start().toLocalDateTime();
        Duration length = event.localLength();
        Duration turn = daily ? Duration.ofDays(1) : Duration.ofDays(7);
        if (length.compareTo(turn) > 0 || (!days.isEmpty() && !days.contains(start.getDayOfWeek()))
                || (!days.isEmpty() && length.compareTo(Duration.ofDays(1)) > 0)) {
            return Optional.empty();
        }
        if (!daily && interval > 1) {
            // a rotation's week runs from its start; the rule's from its week start day: the days must agree
            DayOfWeek weekStart = WeekDay.getDayOfWeek(recur.getWeekStartDay());
            int opens = Math.floorMod(start.getDayOfWeek().getValue() - weekStart.getValue(), 7);
            for (DayOfWeek day : days) {
                int offset = Math.floorMod(day.getValue() - weekStart.getValue(), 7);
                if (offset < opens || Duration.ofDays(offset - opens).plus(length).compareTo(turn) > 0) {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(new Turn(event.layer(), daily, interval, days, start.toLocalTime(), length));
    }

    /** The rotation of {@code taking} in turn, from the first's start, one day or week each. */
    private static Rotation rotation(Turn turn, List<Event> taking) {
        LocalDateTime start = taking.getFirst().start().toLocalDateTime();
        Duration length = turn.length();
        List<Restriction> restrictions = new ArrayList<>();
        if (length.compareTo(turn.daily() ? Duration.ofDays(1) : Duration.ofDays(7)) < 0 || !turn.days().isEmpty()) {
            if (turn.days().isEmpty() && turn.daily()) {
                restrictions.add(Rotations.daily(turn.at(), length));
            } else {
                (turn.days().isEmpty() ? List.of(start.getDayOfWeek()) : turn.days())
                        .forEach(day -> restrictions.addAll(Rotations.window(day, turn.at(), length)));
            }
        }
        return new Rotation(taking.getFirst().title(), turn.layer(), start, 1,
                turn.daily() ? ShiftUnit.DAYS : ShiftUnit.WEEKS,
                taking.stream().flatMap(event -> event.users().stream()).toList(), restrictions);
    }

    /**
     * The event's occurrences overlapping {@code from} to {@code until}. Each lasts as long on the wall clock as the
     * first (09:00 to 17:00 stays so across a daylight saving change), as OnCall has them.
     */
    private List<Occurrence> occurrences(Event event, Instant from, Instant until) {
        VEvent vevent = event.event();
        Optional<RRule<Temporal>> rule = vevent.getProperty(Property.RRULE);
        ZonedDateTime start = event.start();
        List<ZonedDateTime> starts = new ArrayList<>();
        if (rule.isEmpty()) {
            starts.add(start);
        } else {
            ZonedDateTime earliest = from.minus(event.localLength()).minus(Duration.ofDays(1)).atZone(start.getZone());
            // dates in a zone step in its wall time; UTC and floating times as they are
            Temporal dtstart = vevent.<DateProperty<Temporal>>getProperty(Property.DTSTART).orElseThrow().getDate();
            Temporal seed = dtstart instanceof ZonedDateTime ? start : dtstart;
            for (Temporal date : recur(rule.get()).getDates(seed, like(seed, earliest),
                    like(seed, until.atZone(start.getZone())))) {
                ZonedDateTime occurrence = zoned(date, Optional.empty()).withZoneSameInstant(start.getZone());
                if (!event.excluded().contains(occurrence.toInstant())) {
                    starts.add(occurrence);
                }
            }
        }
        List<Occurrence> occurrences = new ArrayList<>();
        for (ZonedDateTime at : starts) {
            Instant end = at.toLocalDateTime().plus(event.localLength()).atZone(at.getZone()).toInstant();
            if (end.isAfter(from) && at.toInstant().isBefore(until)) {
                occurrences.add(new Occurrence(at.toInstant(), end, event.layer(), event.users()));
            }
        }
        return occurrences;
    }

    /** The rule, its weeks starting on Monday unless it says otherwise, as RFC 5545 has it (ical4j assumes Sunday). */
    private static Recur<Temporal> recur(RRule<Temporal> rule) {
        Recur<Temporal> recur = rule.getRecur();
        return recur.getWeekStartDay() == null ? new Recur<>(recur + ";WKST=MO") : recur;
    }

    /** The feed's events that name users OnCall knows, at layers from {@code above} + 1. */
    private List<Event> events(String text, int above) {
        Calendar calendar;
        try {
            calendar = new CalendarBuilder().build(new StringReader(text));
        } catch (IOException | ParserException e) {
            report.notCarried("schedule '" + name + "'", "its calendar could not be read (" + e.getMessage() + ")");
            return List.of();
        }
        List<VEvent> vevents = calendar.getComponents(net.fortuna.ical4j.model.Component.VEVENT);
        // an instance moved or changed (RECURRENCE-ID) is an event of its own, no longer one of its series'
        Map<String, Set<Instant>> moved = new HashMap<>();
        for (VEvent event : vevents) {
            Optional<DateProperty<Temporal>> instance = event.getProperty(Property.RECURRENCE_ID);
            instance.ifPresent(id -> moved.computeIfAbsent(value(event, Property.UID), uid -> new HashSet<>())
                    .add(zoned(id).toInstant()));
        }
        List<Event> events = new ArrayList<>();
        for (VEvent event : vevents) {
            String summary = value(event, Property.SUMMARY);
            Matcher priority = PRIORITY.matcher(summary);
            int layer = above + 1 + (priority.find() ? Integer.parseInt(priority.group(1)) : 0);
            Set<String> users = new TreeSet<>();
            for (String named : List.of(PRIORITY.matcher(summary).replaceFirst("").strip(),
                    PRIORITY.matcher(value(event, Property.DESCRIPTION)).replaceFirst("").strip(),
                    value(event, Property.ATTENDEE).replaceFirst("(?i)^mailto:", "").strip())) {
                String user = named.isEmpty() ? null : email.apply(named);
                if (user != null) {
                    users.add(user);
                }
            }
            Optional<DateProperty<Temporal>> start = event.getProperty(Property.DTSTART);
            Optional<DateProperty<Temporal>> end = event.getProperty(Property.DTEND);
            if (users.isEmpty() || start.isEmpty() || end.isEmpty()) {
                report.notCarried("schedule '" + name + "', event '" + summary + "'", users.isEmpty()
                        ? "it names no OnCall user (by username or email), so OnCall puts nobody on call for it"
                        : "it has no DTSTART and DTEND");
                continue;
            }
            ZonedDateTime from = zoned(start.get());
            LocalDateTime to = zoned(end.get()).withZoneSameInstant(from.getZone()).toLocalDateTime();
            Set<Instant> excluded = new HashSet<>();
            if (event.getProperty(Property.RECURRENCE_ID).isEmpty()) {
                excluded.addAll(moved.getOrDefault(value(event, Property.UID), Set.of()));
                for (DateListProperty<Temporal> exdate : event.<DateListProperty<Temporal>>getProperties(
                        Property.EXDATE)) {
                    exdate.getDates().forEach(date -> excluded.add(zoned(date, exdate.getParameter(Parameter.TZID))
                            .toInstant()));
                }
            }
            events.add(new Event(title(summary, users), layer, users, event, from,
                    Duration.between(from.toLocalDateTime(), to), excluded));
        }
        return events;
    }

    private ZonedDateTime zoned(DateProperty<Temporal> property) {
        return zoned(property.getDate(), property.getParameter(Parameter.TZID));
    }

    /** {@code at} as the same kind of date as {@code seed}: the recurrence rule compares them. */
    private static Temporal like(Temporal seed, ZonedDateTime at) {
        return switch (seed) {
            case LocalDate day -> at.toLocalDate();
            case LocalDateTime local -> at.toLocalDateTime();
            case java.time.OffsetDateTime offset -> at.toOffsetDateTime();
            case Instant instant -> at.toInstant();
            default -> at;
        };
    }

    /** The event's title without its priority, or whom it puts on call if that leaves none. */
    private static String title(String summary, Set<String> users) {
        String title = PRIORITY.matcher(summary).replaceFirst("").strip();
        return title.isEmpty() ? String.join(", ", users) : title;
    }

    /**
     * A date-time of the feed in its zone (UTC for UTC times; all-day dates start at midnight here). A zone the feed
     * names by its IANA id is that zone, whatever VTIMEZONE the feed gives: the wall time is what its author set.
     */
    private ZonedDateTime zoned(Temporal date, Optional<Parameter> tzid) {
        return switch (date) {
            case ZonedDateTime zoned -> tzid.map(Parameter::getValue).filter(ZoneId.getAvailableZoneIds()::contains)
                    .map(id -> zoned.withZoneSameLocal(ZoneId.of(id))).orElse(zoned);
            case Instant instant -> instant.atZone(ZoneOffset.UTC);
            case java.time.OffsetDateTime offset -> offset.atZoneSameInstant(ZoneOffset.UTC);
            case LocalDateTime local -> local.atZone(zone);
            case LocalDate day -> day.atStartOfDay(zone);
            default -> throw new IllegalArgumentException("an unexpected date in a calendar: " + date);
        };
    }

    private static String value(VEvent event, String property) {
        return event.getProperty(property).map(Property::getValue).orElse("");
    }
}
