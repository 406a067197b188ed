package io.tocsin.notifier.sms;

import io.tocsin.contracts.NotificationRequested;
import io.tocsin.notifier.NotifierProperties;
import io.tocsin.notifier.delivery.PageText;

/** What a page says by SMS, whichever provider carries it. */
final class SmsText {

    private SmsText() {
    }

    /** The page, the codes to answer it with, and the link to its incident where the console is known. */
    static String of(NotificationRequested n, NotifierProperties notifier) {
        return text(n) + notifier.incidentUrl(n).map(link -> " " + link).orElse("");
    }

    /**
     * The page and the codes to answer it with: "Reply 12a ack, 12c close, 12e escalate"; a bundle of several
     * incidents is answered for all of them at once.
     */
    private static String text(NotificationRequested n) {
        if (!n.isPage()) {
            return PageText.of(n);
        }
        if (PageText.isBundle(n)) {
            return PageText.of(n) + " Reply aa to ack all, cc to close all";
        }
        String number = n.incidentNumber() == null ? "" : n.incidentNumber().toString();
        return PageText.of(n) + " Reply " + number + "a ack, " + number + "c close, " + number + "e escalate";
    }
}
