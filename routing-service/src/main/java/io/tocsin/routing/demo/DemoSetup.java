package io.tocsin.routing.demo;

import io.tocsin.contracts.Channel;
import io.tocsin.contracts.IntegrationType;
import io.tocsin.contracts.SecretHash;
import io.tocsin.contracts.Urgency;
import io.tocsin.routing.api.Role;
import io.tocsin.routing.auth.Accounts;
import io.tocsin.routing.auth.SignInLinks;
import io.tocsin.routing.policy.EscalationPolicies;
import io.tocsin.routing.policy.EscalationPolicy.Level;
import io.tocsin.routing.policy.EscalationPolicy.Target;
import io.tocsin.routing.policy.EscalationPolicy.TargetType;
import io.tocsin.routing.policy.EscalationPolicy;
import io.tocsin.routing.service.Integrations;
import io.tocsin.routing.service.Service;
import io.tocsin.routing.service.ServiceSpec;
import io.tocsin.routing.service.Services;
import io.tocsin.routing.user.ContactMethod;
import io.tocsin.routing.user.User;
import io.tocsin.routing.user.Users;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The standalone launcher's first-start configuration: a demo service with an Events API v2 key,
 * a demo user paged on the console, and an escalation policy, so that a newcomer's first curl pages someone.
 */
@Component
@ConditionalOnProperty(name = "tocsin.demo.enabled", havingValue = "true")
class DemoSetup implements ApplicationRunner {

    private static final Duration ADMIN_LINK_LIFETIME = Duration.ofHours(24);

    private final Services services;
    private final Users users;
    private final EscalationPolicies policies;
    private final Integrations integrations;
    private final TransactionTemplate tx;
    private final Accounts accounts;
    private final SignInLinks links;
    private final String configuredKey;
    private final String ingestUrl;
    private final String consoleUrl;

    DemoSetup(Services services, Users users, EscalationPolicies policies, Integrations integrations,
            TransactionTemplate tx, Accounts accounts, SignInLinks links,
            @Value("${tocsin.demo.integration-key:}") String configuredKey,
            @Value("${tocsin.demo.ingest-url:http://localhost:8080}") String ingestUrl,
            @Value("${tocsin.demo.console-url:http://localhost:8081}") String consoleUrl) {
        this.services = services;
        this.users = users;
        this.policies = policies;
        this.integrations = integrations;
        this.tx = tx;
        this.accounts = accounts;
        this.links = links;
        this.configuredKey = configuredKey;
        this.ingestUrl = ingestUrl;
        this.consoleUrl = consoleUrl;
    }

    @Override
    public void run(ApplicationArguments args) {
        String key = configuredKey.isBlank() ? SecretHash.generate() : configuredKey;
        // the demo admin's one-time sign-in link, if this is the first start
        SignInLinks.Issued adminLink = tx.execute(status -> {
            if (services.any()) {
                return null;
            }
            User admin = users.create("Demo Admin", null);
            accounts.grant(admin.id(), Role.ADMIN);
            User user = users.create("Demo Responder", null);
            ContactMethod console = users.addContactMethod(user.id(), Channel.CONSOLE, "console");
            users.addRule(console, Urgency.HIGH, Duration.ZERO);
            users.addRule(console, Urgency.LOW, Duration.ZERO);
            EscalationPolicy policy = policies.create("Demo policy", 2, List.of(
                    new Level(0, Duration.ofMinutes(5), List.of(new Target(TargetType.USER, user.id().toString())))), null);
            Service service = services.create(new ServiceSpec("Demo service", policy.id(), Urgency.HIGH, null, null, null));
            integrations.create(service.id(), IntegrationType.EVENTS_V2, "Demo Events API v2", Map.of(), key);
            return links.issue(admin.id(), ADMIN_LINK_LIFETIME);
        });
        if (adminLink != null) {
            print("Demo service created. Its Events API v2 integration key: " + key, key);
            System.out.println("Tocsin: sign in to the web console as the demo admin (the link works once, for "
                    + ADMIN_LINK_LIFETIME.toHours() + " hours):\n  " + consoleUrl + adminLink.path() + "\n");
        } else if (!configuredKey.isBlank() && integrations.exists(configuredKey)) {
            print("Demo integration key from TOCSIN_DEMO_INTEGRATION_KEY is active.", key);
        } else {
            System.out.println("Tocsin: the demo integration key was shown at first start"
                    + " (set TOCSIN_DEMO_INTEGRATION_KEY before the first start to choose it).");
        }
    }

    private void print(String headline, String key) {
        System.out.println("""

                Tocsin: %s
                Trigger an incident (the demo user is paged on this console):
                  curl -sS -X POST %s/v2/enqueue -H 'Content-Type: application/json' \\
                    -d '{"routing_key":"%s","event_action":"trigger","dedup_key":"disk-db-1",\
                "payload":{"summary":"Disk full on db-1","source":"db-1","severity":"critical"}}'
                """.formatted(headline, ingestUrl, key));
    }
}
