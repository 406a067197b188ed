package io.tocsin.routing.console;

import static io.tocsin.routing.OnCall.level;
import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.elementToBeClickable;
import static org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;

import io.tocsin.contracts.AlertAction;
import io.tocsin.contracts.IncidentStatus;
import io.tocsin.routing.AdminApi;
import io.tocsin.routing.Browser;
import io.tocsin.routing.OnCall;
import io.tocsin.routing.RoutingIntegrationTest;
import io.tocsin.routing.incident.Incidents;
import io.tocsin.routing.service.Service;
import io.tocsin.routing.user.User;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;

/** A responder in a real browser: signs in with their token, sees an incident arrive, acknowledges it by button. */
@RoutingIntegrationTest
class ConsoleBrowserIntegrationTest {

    @Autowired
    OnCall onCall;
    @Autowired
    AdminApi api;
    @Autowired
    Incidents incidents;

    @RegisterExtension
    final Browser browser = new Browser();

    /** Signs in through the form, as a person with this API token would, landing on the incidents list. */
    static void signIn(Browser browser, AdminApi api, String token) {
        browser.get(api.url("/ui/incidents"));
        browser.await(elementToBeClickable(By.id("token"))).sendKeys(token);
        browser.screenshot("sign-in");
        browser.driver().findElement(By.id("sign-in")).click();
        browser.await(textToBe(By.tagName("h1"), "Incidents"));
    }

    /** An API token of this role acting as the user, as an admin issues it. */
    static String token(AdminApi api, String role, User user) throws Exception {
        return AdminApi.ok(api.call("POST", "/api/v1/api-tokens", """
                {"name": "console-%s", "role": "%s", "userId": "%s"}""".formatted(UUID.randomUUID(), role, user.id())),
                201).get("token").asString();
    }

    @Test
    void aResponderSeesATriggeredIncidentAppearAcknowledgesItByButtonAndSeesItOnTheTimeline() throws Exception {
        User grace = onCall.responder("Grace");
        Service service = onCall.service(onCall.policy(0, level(Duration.ofMinutes(5), grace)));
        signIn(browser, api, token(api, "RESPONDER", grace));

        String dedupKey = "db-down-" + UUID.randomUUID();
        onCall.alert(service, AlertAction.TRIGGER, dedupKey, "Primary database is not answering", Map.of("host", "db-1"));
        UUID incident = onCall.awaitIncident(service, dedupKey);

        // the list polls: the new incident appears without a reload
        browser.await(presenceOfElementLocated(By.cssSelector("tr[data-incident='" + incident + "'] a"))).click();
        browser.await(textToBe(By.id("status"), "TRIGGERED"));
        assertThat(browser.text("h1")).contains("Primary database is not answering");
        assertThat(browser.text("#details")).contains("host", "db-1");
        assertThat(browser.text("#alerts")).contains(dedupKey, "Primary database is not answering", "TRIGGERED");
        assertThat(browser.driver().findElements(By.id("payload"))).hasSize(1);
        browser.screenshot("incident");
        browser.driver().findElement(By.id("acknowledge")).click();

        browser.await(textToBe(By.id("status"), "ACKNOWLEDGED"));
        browser.await(textToBePresentInElementLocated(By.id("timeline"), "acknowledged by " + grace.name() + " via WEB_CONSOLE"));
        assertThat(incidents.find(incident).orElseThrow().status()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
        assertThat(incidents.find(incident).orElseThrow().acknowledgedBy()).isEqualTo(grace.name());
        browser.get(api.url("/ui/incidents?show=ALL"));
        browser.await(presenceOfElementLocated(By.cssSelector("tr[data-incident='" + incident + "'].acknowledged")));
        browser.screenshot("incidents");
    }
}
