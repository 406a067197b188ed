package io.tocsin.routing.statuspage;

import static io.tocsin.routing.OnCall.level;
import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.contracts.Urgency;
import io.tocsin.routing.AdminApi;
import io.tocsin.routing.Browser;
import io.tocsin.routing.OnCall;
import io.tocsin.routing.RoutingIntegrationTest;
import io.tocsin.routing.service.Service;
import io.tocsin.routing.user.User;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.springframework.beans.factory.annotation.Autowired;
import org.w3c.dom.Document;

/** A customer's view: the public status page turns to outage when an incident opens and back when it is resolved. */
@RoutingIntegrationTest
class StatusPageBrowserIntegrationTest {

    @Autowired
    OnCall onCall;
    @Autowired
    AdminApi api;

    @RegisterExtension
    final Browser browser = new Browser();

    /** Reloads the page (as its own refresh does, every 30 s) until the banner says this. */
    private static ExpectedCondition<Boolean> bannerSays(String text) {
        return driver -> {
            driver.navigate().refresh();
            return driver.findElement(By.id("overall")).getText().equals(text);
        };
    }

    @Test
    void thePublicPageShowsAnOutageWhileAHighUrgencyIncidentIsOpenWithTheResponderUpdateAndItsFeed() throws Exception {
        User ada = onCall.responder("Ada");
        Service service = onCall.service(onCall.policy(0, level(Duration.ofMinutes(5), ada)), Urgency.HIGH);
        String slug = "acme-" + UUID.randomUUID().toString().substring(0, 8);
        String pageId = AdminApi.ok(api.call("POST", "/api/v1/status-pages", """
                {"slug": "%s", "title": "Acme Cloud", "serviceIds": ["%s"]}""".formatted(slug, service.id())), 201)
                .get("id").asString();

        browser.get(api.url("/status/" + slug));
        assertThat(browser.text("#overall")).isEqualTo("All systems operational");

        onCall.trigger(service, "api-down", "API answers 503");
        UUID incident = onCall.awaitIncident(service, "api-down");
        browser.await(bannerSays("Outage"));
        String responderToken = AdminApi.ok(api.call("POST", "/api/v1/api-tokens", """
                {"name": "ada-status", "role": "RESPONDER", "userId": "%s"}""".formatted(ada.id())), 201)
                .get("token").asString();
        AdminApi.ok(api.call(responderToken, "POST", "/api/v1/status-pages/" + pageId + "/updates",
                "{\"message\": \"We are investigating errors on the API.\"}"), 201);
        browser.await(bannerSays("Outage"));
        assertThat(browser.text("main")).contains("We are investigating errors on the API.");
        assertThat(browser.text("[data-state]")).contains(service.name(), "Outage");
        browser.screenshot("status-page-outage");

        AdminApi.ok(api.call("POST", "/api/v1/incidents/" + incident + "/resolve", null), 200);
        browser.await(bannerSays("All systems operational"));

        HttpResponse<String> feed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(api.url("/status/" + slug + "/feed.atom"))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(feed.statusCode()).isEqualTo(200);
        assertThat(feed.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/atom+xml"));
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document atom = factory.newDocumentBuilder().parse(new ByteArrayInputStream(
                feed.body().getBytes(StandardCharsets.UTF_8)));
        assertThat(atom.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "entry").getLength()).isEqualTo(1);
        assertThat(atom.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "content").item(0).getTextContent())
                .isEqualTo("We are investigating errors on the API.");
    }
}
