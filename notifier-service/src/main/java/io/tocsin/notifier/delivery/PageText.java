package io.tocsin.notifier.delivery;

import io.tocsin.contracts.NotificationRequested;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The words of a page, short enough for one SMS segment where possible. */
public final class PageText {

    /** A message to a phone should stay short: past these, the incidents are counted rather than listed. */
    static final int LISTED = 5;
    static final int SUMMARY_LENGTH = 60;

    private PageText() {
    }

    /**
     * "#12 Disk full on db-1; #13 Checkout 5xx; and 9 more": the first five incidents, each summary cut at 60
     * characters, so that a list of any length fits one SMS (Twilio takes at most 1,600 characters).
     */
    public static <T> String listing(List<T> incidents, Function<T, String> label, Function<T, String> summary) {
        String listed = incidents.stream().limit(LISTED)
                .map(incident -> label.apply(incident) + " " + shortened(summary.apply(incident)))
                .collect(Collectors.joining("; "));
        return incidents.size() > LISTED ? listed + "; and " + (incidents.size() - LISTED) + " more" : listed;
    }

    private static String shortened(String summary) {
        return summary.length() > SUMMARY_LENGTH ? summary.substring(0, SUMMARY_LENGTH - 1) + "…" : summary;
    }

    /** "Tocsin #12: [CRITICAL] Disk full on db-1 (service Storage)". */
    public static String of(NotificationRequested n) {
        if (!n.isPage()) {
            return PersonalText.of(n);
        }
        String severity = n.severity() == null ? "" : "[" + n.severity() + "] ";
        if (isBundle(n)) {
            return "Tocsin: " + severity + n.summary();
        }
        if (n.incidentNumber() == null) {
            return "Tocsin: " + severity + n.summary() + " (service " + n.serviceName() + ", incident "
                    + shortId(n.incidentId()) + ")";
        }
        return "Tocsin #" + n.incidentNumber() + ": " + severity + n.summary() + " (service " + n.serviceName() + ")";
    }

    /** Whether the page carries several held pages at once ({@link Bundle}): answering it answers all of them. */
    public static boolean isBundle(NotificationRequested n) {
        return n.details().get(Bundle.INCIDENTS) instanceof List<?>;
    }

    /** How pages name an incident: the first eight hex digits of its id, as the admin API's ids start. */
    public static String shortId(UUID incidentId) {
        return incidentId.toString().substring(0, 8);
    }
}
