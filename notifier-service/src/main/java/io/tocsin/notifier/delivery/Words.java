package io.tocsin.notifier.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** How the notifier's timeline details say durations and counts: "20 s", "1 h 30 min", "1 other held page". */
final class Words {

    private Words() {
    }

    /** "20 s", "10 min", "1 h 30 min"; what is under a second in milliseconds ("250 ms"). */
    static String duration(Duration duration) {
        if (duration.compareTo(Duration.ofSeconds(1)) < 0) {
            return duration.toMillis() + " ms";
        }
        List<String> parts = new ArrayList<>(3);
        if (duration.toHours() > 0) {
            parts.add(duration.toHours() + " h");
        }
        if (duration.toMinutesPart() > 0) {
            parts.add(duration.toMinutesPart() + " min");
        }
        if (duration.toSecondsPart() > 0) {
            parts.add(duration.toSecondsPart() + " s");
        }
        return String.join(" ", parts);
    }

    /** "1 other held page", "2 other held pages". */
    static String count(long count, String singular, String plural) {
        return count + " " + (count == 1 ? singular : plural);
    }
}
