package io.tocsin.notifier.incident;

import static io.tocsin.notifier.TestPages.toContact;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tocsin.contracts.Channel;
import io.tocsin.contracts.IncidentStatus;
import io.tocsin.contracts.NotificationRequested;
import io.tocsin.notifier.NotifierIntegrationTestBase;
import io.tocsin.notifier.directory.Contact;
import io.tocsin.notifier.directory.Contacts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** What the notifier learns from routing's topics: who is behind an address, and where its incidents stand. */
class KnownIncidentsIntegrationTest extends NotifierIntegrationTestBase {

    @Autowired
    KnownIncidents incidents;

    @Autowired
    Contacts contacts;

    @Test
    void aPageTellsWhatTheIncidentIsAndItsChangesWhereItStands() {
        Contact ada = contact("Ada", Channel.SMS, "+12015550101");
        NotificationRequested page = toContact(ada, "Disk full on db-1");

        request(page);
        reportOf(page);
        incidentChanged(page, IncidentStatus.ACKNOWLEDGED, "Ada", "SMS");

        KnownIncident known = incidents.find(page.incidentId()).orElseThrow();
        assertThat(known.label()).isEqualTo("#" + page.incidentNumber());
        assertThat(known.summary()).isEqualTo("Disk full on db-1");
        assertThat(known.serviceName()).isEqualTo("Search");
        assertThat(known.status()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
        assertThat(known.changedBy()).isEqualTo("Ada");
        assertThat(incidents.byNumber(page.incidentNumber())).contains(known);
    }

    @Test
    void aChangeThatArrivesBeforeThePageIsKeptWhenThePageFollows() {
        Contact bo = contact("Bo", Channel.SMS, "+12015550102");
        NotificationRequested page = toContact(bo, "Queue backlog");

        incidentChanged(page, IncidentStatus.RESOLVED, "monitor", "EVENTS_V2");
        request(page);
        reportOf(page);

        await().atMost(A_MOMENT).untilAsserted(() -> assertThat(incidents.find(page.incidentId())).hasValueSatisfying(
                known -> {
                    assertThat(known.status()).isEqualTo(IncidentStatus.RESOLVED);
                    assertThat(known.serviceName()).isEqualTo("Search");
                    assertThat(known.isOpen()).isFalse();
                }));
    }

    @Test
    void aRemovedContactMethodNoLongerAnswersForItsAddress() {
        Contact cy = contact("Cy", Channel.SLACK, "U0CY00001");
        assertThat(contacts.find(Channel.SLACK, "U0CY00001")).contains(cy);
        assertThat(contacts.find(cy.id())).contains(cy);

        removeContact(cy);

        await().atMost(A_MOMENT).until(() -> contacts.find(Channel.SLACK, "U0CY00001").isEmpty());
    }
}
