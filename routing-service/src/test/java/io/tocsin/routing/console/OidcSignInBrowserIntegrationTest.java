package io.tocsin.routing.console;

import static io.tocsin.routing.AdminApi.ok;
import static io.tocsin.routing.OnCall.level;
import static org.openqa.selenium.support.ui.ExpectedConditions.elementToBeClickable;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;

import io.tocsin.routing.AdminApi;
import io.tocsin.routing.Browser;
import io.tocsin.routing.OnCall;
import io.tocsin.routing.RoutingIntegrationTest;
import io.tocsin.routing.service.Service;
import io.tocsin.testkit.FakeIdentityProvider;
import io.tocsin.testkit.FakeIdentityProvider.Person;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Single sign-on through a real OIDC provider (Spring Authorization Server) in a browser: a person Tocsin knows by
 * their verified email signs in at the provider's form, gets the role their groups claim gives, and acts as themselves;
 * a person Tocsin does not know is refused with a page saying whom to ask.
 */
@RoutingIntegrationTest
class OidcSignInBrowserIntegrationTest {

    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    private static final Person OLIVIA = new Person("olivia", "olivia-password", "Olivia Okafor",
            "olivia-" + SUFFIX + "@example.com", List.of("staff", "oncall"));
    private static final Person MALLORY = new Person("mallory", "mallory-password", "Mallory",
            "mallory-" + SUFFIX + "@example.com", List.of("oncall"));
    /** Routing's callback, known once its context has started. */
    private static final AtomicReference<String> CALLBACK = new AtomicReference<>("http://localhost/unset");
    private static final FakeIdentityProvider PROVIDER = FakeIdentityProvider.start(CALLBACK::get, OLIVIA, MALLORY);

    @DynamicPropertySource
    static void singleSignOn(DynamicPropertyRegistry registry) {
        registry.add("tocsin.oidc.issuer", PROVIDER::issuer);
        registry.add("tocsin.oidc.client-id", () -> FakeIdentityProvider.CLIENT_ID);
        registry.add("tocsin.oidc.client-secret", () -> FakeIdentityProvider.CLIENT_SECRET);
        registry.add("tocsin.oidc.role-claim", () -> "groups");
        registry.add("tocsin.oidc.admin-values", () -> "tocsin-admins");
        registry.add("tocsin.oidc.responder-values", () -> "oncall");
    }

    @AfterAll
    static void stopProvider() {
        PROVIDER.close();
    }

    @Autowired
    AdminApi api;
    @Autowired
    OnCall onCall;

    @RegisterExtension
    final Browser browser = new Browser();

    private void signInAtTheProvider(Person person) {
        CALLBACK.set(api.url("/ui/sign-in/oidc/callback/oidc"));
        browser.get(api.url("/ui/incidents"));
        browser.await(elementToBeClickable(By.id("sign-in-oidc"))).click();
        browser.await(elementToBeClickable(By.id("username"))).sendKeys(person.username());
        browser.driver().findElement(By.id("password")).sendKeys(person.password());
        browser.screenshot("identity-provider");
        browser.driver().findElement(By.cssSelector("button[type=submit]")).click();
    }

    @Test
    void aKnownPersonSignsInWithTheRoleOfTheirGroupsAndAcknowledgesAsThemselves() throws Exception {
        ok(api.call("POST", "/api/v1/users", """
                {"name": "Olivia", "email": "%s"}""".formatted(OLIVIA.email().toUpperCase())), 201);
        Service service = onCall.service(onCall.policy(0, level(Duration.ofMinutes(5), onCall.responder("Paged"))));
        onCall.trigger(service, "sso-" + SUFFIX, "Queue backing up");
        UUID incident = onCall.awaitIncident(service, "sso-" + SUFFIX);

        signInAtTheProvider(OLIVIA);
        browser.await(textToBe(By.tagName("h1"), "Incidents"));
        browser.await(textToBe(By.id("me"), "Olivia (RESPONDER)"));

        browser.get(api.url("/ui/incidents/" + incident));
        browser.await(elementToBeClickable(By.id("acknowledge"))).click();
        browser.await(textToBe(By.id("status"), "ACKNOWLEDGED"));
        browser.await(textToBePresentInElementLocated(By.id("timeline"), "acknowledged by Olivia via WEB_CONSOLE"));
    }

    @Test
    void aPersonTocsinDoesNotKnowIsRefusedWithWhomToAsk() {
        signInAtTheProvider(MALLORY);
        browser.await(textToBePresentInElementLocated(By.id("refusal"), "Tocsin has no user with the address "
                + MALLORY.email()));
        browser.await(textToBePresentInElementLocated(By.id("refusal"), "Ask"));
    }
}
