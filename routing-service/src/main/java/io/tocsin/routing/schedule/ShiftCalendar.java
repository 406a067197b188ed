package io.tocsin.routing.schedule;

import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import net.fortuna.ical4j.validate.ValidationException;

/** Shifts as an iCalendar (RFC 5545) document, times in UTC so every calendar app shows them in its own zone. */
final class ShiftCalendar {

    private ShiftCalendar() {
    }

    /** One shift of a schedule, titled "On call: {@code title}". */
    record Event(Schedule schedule, NamedShift shift, String title) {
    }

    static String write(String name, List<Event> events, Instant stamp) {
        Calendar calendar = new Calendar()
                .add(new ProdId("-//Tocsin//On-call schedules//EN"))
                .add(ImmutableVersion.VERSION_2_0)
                .add(ImmutableCalScale.GREGORIAN)
                .add(new XProperty("X-WR-CALNAME", name));
        for (Event event : events) {
            NamedShift shift = event.shift();
            VEvent vevent = new VEvent(shift.start(), shift.end(), "On call: " + event.title())
                    // the same shift keeps its UID from one fetch to the next, so calendars update it in place
                    .replace(new Uid(event.schedule().id() + "-" + shift.userId() + "-" + shift.start().getEpochSecond()
                            + "@tocsin"))
                    .replace(new DtStamp(stamp))
                    .add(new Description(event.schedule().name() + ": " + source(shift.source())));
            calendar.add(vevent);
        }
        // the outputter folds lines at 75 octets, as RFC 5545 asks (toString does not), and validates the calendar
        StringWriter text = new StringWriter();
        try {
            new CalendarOutputter(true).output(calendar, text);
        } catch (IOException | ValidationException e) {
            throw new IllegalStateException("a calendar of shifts did not validate: " + e.getMessage(), e);
        }
        return text.toString();
    }

    private static String source(Shift.Source source) {
        return source.overrideId() != null ? "override " + source.overrideId()
                : "layer " + source.layer() + ", rotation " + source.rotation();
    }
}
