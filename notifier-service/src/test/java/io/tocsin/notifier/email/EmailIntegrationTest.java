package io.tocsin.notifier.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tocsin.contracts.Channel;
import io.tocsin.contracts.DeliveryReported.DeliveryStatus;
import io.tocsin.contracts.IncidentCommand;
import io.tocsin.contracts.IncidentCommand.CommandType;
import io.tocsin.contracts.IncidentStatus;
import io.tocsin.contracts.NotificationRequested;
import io.tocsin.contracts.Severity;
import io.tocsin.contracts.Urgency;
import io.tocsin.notifier.NotifierIntegrationTestBase;
import io.tocsin.notifier.directory.Contact;
import io.tocsin.testkit.TestHttp;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Email pages end to end: sent through Spring Mail to GreenMail, read back as a mail client would, and their links
 * followed over HTTP: the GET only shows a page, the POST acts as the contact method the email went to.
 */
class EmailIntegrationTest extends NotifierIntegrationTestBase {

    private static final Pattern LINK = Pattern.compile(Pattern.quote(PUBLIC_URL) + "/ack/[A-Za-z0-9_-]+");

    @Test
    void anEmailPageHasTextAndHtmlPartsWithTheIncidentItsDetailsAndLinks() throws Exception {
        Contact ada = contact("Ada", Channel.EMAIL, address());
        NotificationRequested page = emailed(ada, "<script>alert('db')</script> Disk full & failing on db-1");

        MimeMessage mail = mailTo(ada);

        assertThat(mail.getSubject()).isEqualTo("[Tocsin #" + page.incidentNumber()
                + "] CRITICAL: <script>alert('db')</script> Disk full & failing on db-1");
        assertThat(mail.getFrom()).extracting(Object::toString).containsExactly("Tocsin <tocsin@pager.example.test>");
        assertThat(mail.getHeader("Auto-Submitted")).containsExactly("auto-generated");
        String text = part(mail, "text/plain");
        String html = part(mail, "text/html");
        assertThat(text).contains(page.summary()).contains("Service:  Search").contains("Source:   db-1")
                .contains("mount: /var").contains("Runbook: https://runbooks.example.test/disk");
        // what a monitor wrote is text in the HTML part, never markup
        assertThat(html).doesNotContain("<script>")
                .contains("&lt;script&gt;alert(&#39;db&#39;)&lt;/script&gt; Disk full &amp; failing")
                .contains("/var").contains("href=\"https://runbooks.example.test/disk\"");
        List<String> textLinks = links(text);
        assertThat(textLinks).hasSize(2).allMatch(link -> link.startsWith(PUBLIC_URL + "/ack/"));
        assertThat(links(html)).containsExactlyElementsOf(textLinks);
        assertThat(reportOf(page).status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(stored(page).providerId()).isEqualTo(mail.getMessageID());
    }

    @Test
    void followingTheLinkOnlyShowsAPageAndPressingItsButtonAcknowledgesAsTheRecipient() {
        Contact ada = contact("Ada", Channel.EMAIL, address());
        NotificationRequested page = emailed(ada, "Disk full on db-1 " + UUID.randomUUID());
        String acknowledge = links(part(mailTo(ada), "text/plain")).getFirst();

        HttpResponse<String> shown = get(acknowledge);

        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(shown.body()).contains("Acknowledge #" + page.incidentNumber() + "?").contains(page.summary())
                .contains("<form method=\"post\">").contains("value=\"acknowledge\"").contains("Acting as")
                .contains("Ada");
        assertThat(shown.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(shown.headers().firstValue("Cache-Control")).hasValue("no-store");

        HttpResponse<String> acted = post(acknowledge, "action=acknowledge");

        assertThat(acted.statusCode()).isEqualTo(200);
        assertThat(acted.body()).contains("Acknowledged #" + page.incidentNumber() + " " + page.summary() + " by you")
                .doesNotContain("Triggered").contains("value=\"resolve\"");
        // only the POST issued a command: the GET before it issued none
        IncidentCommand command = onlyCommand(page);
        assertThat(command.type()).isEqualTo(CommandType.ACKNOWLEDGE);
        assertThat(command.via()).isEqualTo(Channel.EMAIL);
        assertThat(command.userId()).isEqualTo(ada.userId());
        assertThat(command.actor()).isEqualTo("Ada");
    }

    @Test
    void theResolveLinkResolvesAndPressingTwiceIsTheSameCommand() {
        Contact ada = contact("Ada", Channel.EMAIL, address());
        NotificationRequested page = emailed(ada, "Queue stuck " + UUID.randomUUID());
        String resolve = links(part(mailTo(ada), "text/plain")).get(1);

        assertThat(get(resolve).body()).contains("Resolve #" + page.incidentNumber() + "?");
        assertThat(post(resolve, "").statusCode()).isEqualTo(200);
        assertThat(post(resolve, "").statusCode()).isEqualTo(200);

        List<IncidentCommand> commands = await().atMost(A_MOMENT).until(() -> commandsFor(page.incidentId()),
                sent -> sent.size() == 2);
        assertThat(commands).extracting(IncidentCommand::type).containsOnly(CommandType.RESOLVE);
        assertThat(commands).extracting(IncidentCommand::id).containsOnly(commands.getFirst().id());
    }

    @Test
    void aForgedLinkIsRefusedWithAPageAndChangesNothing() {
        Contact ada = contact("Ada", Channel.EMAIL, address());
        NotificationRequested page = emailed(ada, "Forged link " + UUID.randomUUID());
        String acknowledge = links(part(mailTo(ada), "text/plain")).getFirst();
        String token = acknowledge.substring(acknowledge.lastIndexOf('/') + 1);
        String forged = acknowledge.substring(0, acknowledge.lastIndexOf('/') + 1)
                + (token.charAt(5) == 'x' ? token.replace(token.charAt(5), 'y') : token.substring(0, 5) + "x"
                        + token.substring(6));

        HttpResponse<String> shown = get(forged);
        HttpResponse<String> acted = post(forged, "action=acknowledge");

        assertThat(shown.statusCode()).isEqualTo(404);
        assertThat(acted.statusCode()).isEqualTo(404);
        assertThat(acted.body()).contains("This link is not valid").contains("open it again from the email");
        assertThat(acted.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/html"));
        assertOnlyTheGenuineLinkActs(page, acknowledge);
    }

    @Test
    void anExpiredLinkIsRefusedWithAPageAndChangesNothing() {
        Contact ada = contact("Ada", Channel.EMAIL, address());
        NotificationRequested page = emailed(ada, "Expired link " + UUID.randomUUID());
        LinkTokens yesterday = new LinkTokens(new LinkProperties(LINK_KEYS, Duration.ofHours(24)),
                Clock.fixed(Instant.now().minus(Duration.ofHours(25)), ZoneOffset.UTC));
        String expired = PUBLIC_URL + "/ack/" + yesterday.issue(page.incidentId(), ada.id(), LinkAction.ACKNOWLEDGE,
                yesterday.expiryFromNow());

        HttpResponse<String> shown = get(expired);
        HttpResponse<String> acted = post(expired, "action=acknowledge");

        assertThat(shown.statusCode()).isEqualTo(410);
        assertThat(acted.statusCode()).isEqualTo(410);
        assertThat(acted.body()).contains("This link has expired").contains("It worked until");
        assertOnlyTheGenuineLinkActs(page, links(part(mailTo(ada), "text/plain")).getFirst());
    }

    @Test
    void aLinkSignedWithThePreviousKeyStillActs() {
        Contact ada = contact("Ada", Channel.EMAIL, address());
        NotificationRequested page = emailed(ada, "Before the rotation " + UUID.randomUUID());
        // the link is followed from the email, so the notifier has taken the page (and learnt its incident) first
        mailTo(ada);
        LinkTokens beforeRotation = new LinkTokens(new LinkProperties(List.of(LINK_KEYS.get(1)), Duration.ofHours(24)),
                Clock.systemUTC());
        String link = PUBLIC_URL + "/ack/" + beforeRotation.issue(page.incidentId(), ada.id(), LinkAction.ACKNOWLEDGE,
                beforeRotation.expiryFromNow());

        assertThat(post(link, "action=acknowledge").statusCode()).isEqualTo(200);

        assertThat(onlyCommand(page).type()).isEqualTo(CommandType.ACKNOWLEDGE);
    }

    @Test
    void aLinkToAResolvedIncidentSaysSoAndActsNoMore() {
        Contact ada = contact("Ada", Channel.EMAIL, address());
        NotificationRequested page = emailed(ada, "Already fixed " + UUID.randomUUID());
        String acknowledge = links(part(mailTo(ada), "text/plain")).getFirst();
        incidentChanged(page, IncidentStatus.RESOLVED, "Bob", "SMS");

        HttpResponse<String> shown = get(acknowledge);
        HttpResponse<String> acted = post(acknowledge, "action=acknowledge");

        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(shown.body()).contains("#" + page.incidentNumber() + " is already resolved by Bob via SMS")
                .doesNotContain("<form");
        assertThat(acted.statusCode()).isEqualTo(409);
        assertThat(acted.body()).contains("is already resolved by Bob via SMS").contains("Nothing was changed");
        assertThat(commandsFor(page.incidentId())).isEmpty();
    }

    @Test
    void anAcknowledgeLinkToAnAcknowledgedIncidentSaysByWhomAndOffersToResolve() {
        Contact ada = contact("Ada", Channel.EMAIL, address());
        NotificationRequested page = emailed(ada, "Someone is on it " + UUID.randomUUID());
        String acknowledge = links(part(mailTo(ada), "text/plain")).getFirst();
        incidentChanged(page, IncidentStatus.ACKNOWLEDGED, "Bob", "SLACK");

        HttpResponse<String> shown = get(acknowledge);
        HttpResponse<String> again = post(acknowledge, "action=acknowledge");

        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(shown.body()).contains("#" + page.incidentNumber() + " is already acknowledged by Bob via Slack")
                .contains("value=\"resolve\"").doesNotContain("value=\"acknowledge\"");
        assertThat(again.statusCode()).isEqualTo(409);
        HttpResponse<String> resolved = post(acknowledge, "action=resolve");
        assertThat(resolved.statusCode()).isEqualTo(200);
        assertThat(resolved.body()).contains("Resolved #" + page.incidentNumber());
        assertThat(onlyCommand(page).type()).isEqualTo(CommandType.RESOLVE);
    }

    @Test
    void anUnknownActionIsABadRequest() {
        Contact ada = contact("Ada", Channel.EMAIL, address());
        NotificationRequested page = emailed(ada, "Unknown action " + UUID.randomUUID());
        String acknowledge = links(part(mailTo(ada), "text/plain")).getFirst();

        HttpResponse<String> acted = post(acknowledge, "action=delete");

        assertThat(acted.statusCode()).isEqualTo(400);
        assertThat(acted.body()).contains("can acknowledge or resolve");
        assertOnlyTheGenuineLinkActs(page, acknowledge);
    }

    /** The genuine link acts, and its command is the incident's only one: what was refused before it issued none. */
    private void assertOnlyTheGenuineLinkActs(NotificationRequested page, String genuine) {
        assertThat(post(genuine, "action=acknowledge").statusCode()).isEqualTo(200);
        assertThat(onlyCommand(page).type()).isEqualTo(CommandType.ACKNOWLEDGE);
    }

    private static IncidentCommand onlyCommand(NotificationRequested page) {
        List<IncidentCommand> commands = await().atMost(A_MOMENT).until(() -> commandsFor(page.incidentId()),
                sent -> !sent.isEmpty());
        assertThat(commands).hasSize(1);
        return commands.getFirst();
    }

    /** Pages the contact by email, with a monitor's details, as routing would. */
    private NotificationRequested emailed(Contact contact, String summary) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("mount", "/var");
        details.put("links", List.of(Map.of("href", "https://runbooks.example.test/disk", "text", "Runbook")));
        NotificationRequested page = new NotificationRequested(UUID.randomUUID(), NotificationRequested.SCHEMA_VERSION,
                UUID.randomUUID(), contact.userId(), contact.userName(), contact.id(), Channel.EMAIL, contact.address(),
                "Search", summary, Severity.CRITICAL, Urgency.HIGH, Instant.now(),
                ThreadLocalRandom.current().nextLong(1_000, 1_000_000_000), "db-1", details);
        request(page);
        return page;
    }

    private static MimeMessage mailTo(Contact contact) {
        return await().atMost(A_MOMENT).until(() -> Arrays.stream(smtp.receivedMessages())
                .filter(mail -> recipients(mail).contains(contact.address())).findFirst().orElse(null), m -> m != null);
    }

    private static String recipients(MimeMessage mail) {
        try {
            return Arrays.toString(mail.getAllRecipients());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first body part of this type, however deep in the multipart structure. */
    private static String part(Part part, String type) {
        try {
            if (part.isMimeType(type)) {
                return (String) part.getContent();
            }
            if (part.getContent() instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart child = multipart.getBodyPart(i);
                    String found = partOrNull(child, type);
                    if (found != null) {
                        return found;
                    }
                }
            }
            throw new AssertionError("no " + type + " part");
        } catch (IOException | jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String partOrNull(Part part, String type) {
        try {
            return part(part, type);
        } catch (AssertionError e) {
            return null;
        }
    }

    private static List<String> links(String body) {
        Matcher matcher = LINK.matcher(body);
        return matcher.results().map(MatchResult::group).distinct().toList();
    }

    private HttpResponse<String> get(String publicLink) {
        return TestHttp.send(HttpRequest.newBuilder(localOf(publicLink)).GET().build());
    }

    private HttpResponse<String> post(String publicLink, String form) {
        return TestHttp.send(HttpRequest.newBuilder(localOf(publicLink))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build());
    }

    /** The notifier's local address for a link made with its public URL, as the proxy in front would map it. */
    private URI localOf(String publicLink) {
        return URI.create(local(publicLink.substring(PUBLIC_URL.length())));
    }


    private static String address() {
        return "ada+" + UUID.randomUUID() + "@example.test";
    }
}
