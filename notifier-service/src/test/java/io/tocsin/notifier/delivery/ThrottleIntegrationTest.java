package io.tocsin.notifier.delivery;

import static io.tocsin.notifier.TestPages.toContact;
import static io.tocsin.notifier.TestPages.toSlackChannel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tocsin.contracts.Channel;
import io.tocsin.contracts.DeliveryReported;
import io.tocsin.contracts.DeliveryReported.DeliveryStatus;
import io.tocsin.contracts.IncidentStatus;
import io.tocsin.contracts.NotificationRequested;
import io.tocsin.notifier.NotifierIntegrationTestBase;
import io.tocsin.notifier.directory.Contact;
import io.tocsin.testkit.FakeTwilio.SentSms;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A contact method gets at most its channel's share of messages per window; the rest wait and go out as one. */
class ThrottleIntegrationTest extends NotifierIntegrationTestBase {

    @Test
    void pagesOverTheSmsLimitAreHeldAndGoOutInOneMessageWhenTheWindowAllows() {
        Contact hedy = new Contact(UUID.randomUUID(), UUID.randomUUID(), "Hedy", Channel.SMS, "+15550400021");
        List<NotificationRequested> over = heldAfterFillingTheWindow(hedy, 3);

        over.forEach(page -> {
            assertThat(reportOf(page).detail()).contains("5 SMS per 15 min reached");
            assertThat(stored(page).status()).isEqualTo("HELD");
        });
        assertThat(smsTo(hedy)).hasSize(5);

        clock.advance(Duration.ofMinutes(15));

        await().atMost(A_MOMENT).until(() -> smsTo(hedy).size() == 6);
        assertThat(smsTo(hedy).getLast().body()).startsWith("Tocsin: [CRITICAL] 3 new incidents on Search: ")
                .contains(over.stream().map(page -> "#" + page.incidentNumber() + " " + page.summary()).toList());
        over.forEach(page -> {
            await().atMost(A_MOMENT).until(() -> reportsOf(page).size() == 2);
            assertThat(reportsOf(page).getLast().status()).isEqualTo(DeliveryStatus.SENT);
            assertThat(reportsOf(page).getLast().detail()).isEqualTo("sent in one message with 2 other held pages");
            assertThat(stored(page).status()).isEqualTo("SENT");
        });
        // the first held page carried the message; the lead's answers act on every incident bundled into it
        UUID carrier = over.getFirst().id();
        assertThat(over).extracting(page -> bundledInto(page)).containsExactly(null, carrier, carrier);

        request(over.get(1));

        await().atMost(A_MOMENT).until(() -> reportsOf(over.get(1)).size() == 3);
        assertThat(reportsOf(over.get(1)).getLast().id()).isEqualTo(reportsOf(over.get(1)).get(1).id());
        assertThat(smsTo(hedy)).hasSize(6);
    }

    @Test
    void heldPagesWhoseIncidentWasAnsweredMeanwhileAreCancelledAndLeftOutOfTheBundle() {
        Contact ada = new Contact(UUID.randomUUID(), UUID.randomUUID(), "Ada", Channel.SMS, "+15550400022");
        List<NotificationRequested> held = heldAfterFillingTheWindow(ada, 3);

        incidentChanged(held.get(0), IncidentStatus.ACKNOWLEDGED, "Ada", "SMS");
        incidentChanged(held.get(2), IncidentStatus.RESOLVED, "monitor", "ALERTMANAGER");
        clock.advance(Duration.ofMinutes(15));

        await().atMost(A_MOMENT).until(() -> smsTo(ada).size() == 6);
        assertThat(smsTo(ada).getLast().body()).contains(held.get(1).summary())
                .doesNotContain(held.get(0).summary(), held.get(2).summary());
        await().atMost(A_MOMENT).until(() -> reportsOf(held.get(0)).size() == 2 && reportsOf(held.get(2)).size() == 2);
        assertThat(reportsOf(held.get(0)).getLast()).extracting(DeliveryReported::status, DeliveryReported::detail)
                .containsExactly(DeliveryStatus.CANCELLED,
                        "the incident was acknowledged by Ada via SMS before it went out");
        assertThat(reportsOf(held.get(2)).getLast()).extracting(DeliveryReported::status, DeliveryReported::detail)
                .containsExactly(DeliveryStatus.CANCELLED,
                        "the incident was resolved by monitor via alertmanager before it went out");
        assertThat(held).extracting(page -> stored(page).status()).containsExactly("CANCELLED", "SENT", "CANCELLED");
    }

    @Test
    void aSlackChannelIsNotThrottled() {
        List<NotificationRequested> pages = IntStream.range(0, 7)
                .mapToObj(i -> toSlackChannel("C0OPS00021", "Busy channel " + i + " " + UUID.randomUUID())).toList();

        pages.forEach(NotifierIntegrationTestBase::request);

        pages.forEach(page -> assertThat(reportOf(page).status()).isEqualTo(DeliveryStatus.SENT));
    }

    /** Five pages to the contact method, sent, fill its window; the {@code count} pages asked for next are held. */
    private static List<NotificationRequested> heldAfterFillingTheWindow(Contact contact, int count) {
        List<NotificationRequested> withinLimit = pages(contact, 5, "Within the limit");
        withinLimit.forEach(NotifierIntegrationTestBase::request);
        withinLimit.forEach(page -> assertThat(reportOf(page).status()).isEqualTo(DeliveryStatus.SENT));
        List<NotificationRequested> over = pages(contact, count, "Over the limit");
        over.forEach(NotifierIntegrationTestBase::request);
        over.forEach(page -> assertThat(reportOf(page).status()).isEqualTo(DeliveryStatus.HELD));
        return over;
    }

    private static List<NotificationRequested> pages(Contact contact, int count, String summary) {
        return IntStream.range(0, count)
                .mapToObj(i -> toContact(contact, summary + " " + i + " " + UUID.randomUUID().toString().substring(0, 8)))
                .toList();
    }

    private static List<SentSms> smsTo(Contact contact) {
        return twilio.messages().stream().filter(sms -> sms.to().equals(contact.address())).toList();
    }

    private UUID bundledInto(NotificationRequested page) {
        return jdbc.sql("select bundled_into from notification where id = :id").param("id", page.id())
                .query((rs, row) -> rs.getObject(1, UUID.class)).list().getFirst();
    }
}
