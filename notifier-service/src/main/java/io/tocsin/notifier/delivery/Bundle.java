package io.tocsin.notifier.delivery;

import io.tocsin.contracts.NotificationRequested;
import io.tocsin.contracts.Severity;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Pages held back by a contact method's throttle, sent as one message when its window allows: a copy of the first
 * page (the carrier) that lists them all, "3 new incidents on checkout-api: #12 Disk full on db-1; #13 …".
 */
final class Bundle {

    /** The details key listing the bundled incidents. */
    static final String INCIDENTS = "incidents";

    private Bundle() {
    }

    /** The one message for the held pages, oldest first; a single page goes out as it is. */
    static NotificationRequested of(List<NotificationRequested> held) {
        NotificationRequested carrier = held.getFirst();
        if (held.size() == 1) {
            return carrier;
        }
        Severity highest = held.stream().map(NotificationRequested::severity).filter(Objects::nonNull)
                .min(Comparator.naturalOrder()).orElse(null);
        List<Map<String, Object>> incidents = held.stream().map(Bundle::incident).toList();
        return new NotificationRequested(carrier.id(), carrier.schemaVersion(), carrier.incidentId(), carrier.userId(),
                carrier.userName(), carrier.contactMethodId(), carrier.channel(), carrier.address(), services(held),
                summary(held), highest, carrier.urgency(), carrier.requestedAt(), null, carrier.source(),
                Map.of(INCIDENTS, incidents), carrier.purpose(), carrier.code(), carrier.link(), carrier.sealedSecret());
    }

    /** "3 new incidents on checkout-api: #12 Disk full on db-1; #13 Checkout 5xx; #14 Queue backlog". */
    static String summary(List<NotificationRequested> held) {
        return held.size() + " new incidents on " + services(held) + ": "
                + PageText.listing(held, Bundle::name, NotificationRequested::summary);
    }

    private static String services(List<NotificationRequested> held) {
        return held.stream().map(NotificationRequested::serviceName).distinct().collect(Collectors.joining(", "));
    }

    private static String name(NotificationRequested page) {
        return page.incidentNumber() == null ? PageText.shortId(page.incidentId()) : "#" + page.incidentNumber();
    }

    private static Map<String, Object> incident(NotificationRequested page) {
        Map<String, Object> incident = new LinkedHashMap<>();
        incident.put("id", page.incidentId().toString());
        incident.put("number", page.incidentNumber());
        incident.put("summary", page.summary());
        return incident;
    }
}
