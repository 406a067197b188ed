package io.tocsin.routing.schedule;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;

/**
 * Tocsin's one rule for turning a local time of a schedule into an instant. A local time the clocks skip
 * (02:30 on the night they spring forward from 02:00 to 03:00) means the first instant after the gap (03:00
 * new time); a local time they repeat (01:30 on the night they fall back) means its first occurrence.
 */
final class ZonedTime {

    private ZonedTime() {
    }

    static Instant instant(LocalDateTime local, ZoneId zone) {
        ZoneOffsetTransition transition = zone.getRules().getTransition(local);
        if (transition != null && transition.isGap()) {
            // java.time would move a skipped time on by the gap's length (02:30 to 03:30); a hand-over
            // should not wait for that: the gap's end is the first moment the local time has passed
            return transition.getInstant();
        }
        // outside transitions there is one offset; in an overlap atZone takes the earlier one, the first occurrence
        return local.atZone(zone).toInstant();
    }
}
