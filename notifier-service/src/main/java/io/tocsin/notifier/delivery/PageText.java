package io.tocsin.notifier.delivery;

import io.tocsin.contracts.NotificationRequested;
import java.util.List;
import java.util.UUID;

/** The words of a page, short enough for one SMS segment where possible. */
public final class PageText {

    private PageText() {
    }

    /** "Tocsin #12: [CRITICAL] Disk full on db-1 (service Storage)". */
    public static String of(NotificationRequested n) {
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
