package io.tocsin.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.contracts.Channel;
import io.tocsin.contracts.NotificationRequested;
import io.tocsin.contracts.Severity;
import io.tocsin.contracts.Urgency;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class BundleTest {

    private static final UUID METHOD = UUID.randomUUID();

    @Test
    void listsTheHeldIncidentsOfTheServiceInOneLine() {
        List<NotificationRequested> held = List.of(
                page(12L, "checkout-api", "Disk full on db-1", Severity.WARNING),
                page(13L, "checkout-api", "5xx above 5%", Severity.CRITICAL),
                page(14L, "checkout-api", "Queue backlog", Severity.ERROR));

        NotificationRequested bundle = Bundle.of(held);

        assertThat(bundle.summary()).isEqualTo(
                "3 new incidents on checkout-api: #12 Disk full on db-1; #13 5xx above 5%; #14 Queue backlog");
        assertThat(bundle.incidentNumber()).isNull();
        assertThat(bundle.severity()).isEqualTo(Severity.CRITICAL);
        // the carrier: the first held page's id, incident and address
        assertThat(bundle.id()).isEqualTo(held.getFirst().id());
        assertThat(bundle.incidentId()).isEqualTo(held.getFirst().incidentId());
        assertThat(bundle.address()).isEqualTo("+15550001234");
        assertThat(bundle.details()).containsOnlyKeys("incidents");
        assertThat((List<?>) bundle.details().get("incidents")).hasSize(3).first()
                .isEqualTo(Map.of("id", held.getFirst().incidentId().toString(), "number", 12L,
                        "summary", "Disk full on db-1"));
    }

    @Test
    void namesEveryServiceAndCountsWhatDoesNotFit() {
        List<NotificationRequested> held = new ArrayList<>(LongStream.rangeClosed(1, 7)
                .mapToObj(n -> page(n, "search", "Slow query " + n, Severity.ERROR)).toList());
        held.add(page(null, "billing", "Invoice run stuck", Severity.ERROR));

        String summary = Bundle.summary(held);

        assertThat(summary).startsWith("8 new incidents on search, billing: #1 Slow query 1; #2 Slow query 2;")
                .endsWith("#5 Slow query 5; and 3 more");
    }

    @Test
    void shortensLongSummariesAndNamesAnIncidentWithoutNumberByItsId() {
        NotificationRequested unnumbered = page(null, "search", "x".repeat(100), Severity.INFO);

        String summary = Bundle.summary(List.of(unnumbered, page(2L, "search", "Index stale", Severity.INFO)));

        assertThat(summary).isEqualTo("2 new incidents on search: " + PageText.shortId(unnumbered.incidentId()) + " "
                + "x".repeat(PageText.SUMMARY_LENGTH - 1) + "…; #2 Index stale");
    }

    @Test
    void aSingleHeldPageGoesOutAsItIs() {
        NotificationRequested page = page(7L, "search", "Index stale", Severity.ERROR);

        assertThat(Bundle.of(List.of(page))).isSameAs(page);
    }

    private static NotificationRequested page(Long number, String service, String summary, Severity severity) {
        return new NotificationRequested(UUID.randomUUID(), NotificationRequested.SCHEMA_VERSION, UUID.randomUUID(),
                UUID.randomUUID(), "Ada", METHOD, Channel.SMS, "+15550001234", service, summary, severity, Urgency.HIGH,
                Instant.EPOCH, number, "db-1", null);
    }
}
