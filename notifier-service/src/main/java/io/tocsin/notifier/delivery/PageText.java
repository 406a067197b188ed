package io.tocsin.notifier.delivery;

import io.tocsin.contracts.NotificationRequested;

/** The words of a page, short enough for one SMS segment where possible. */
public final class PageText {

    private PageText() {
    }

    public static String of(NotificationRequested n) {
        String severity = n.severity() == null ? "" : "[" + n.severity() + "] ";
        return "Tocsin: " + severity + n.summary() + " (service " + n.serviceName() + ", incident "
                + n.incidentId().toString().substring(0, 8) + ")";
    }
}
