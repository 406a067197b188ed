package io.tocsin.routing.user;

import static io.tocsin.routing.AdminApi.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.contracts.Channel;
import io.tocsin.contracts.NotificationRequested;
import io.tocsin.contracts.SealedSecrets;
import io.tocsin.contracts.Urgency;
import io.tocsin.routing.AdminApi;
import io.tocsin.routing.OnCall;
import io.tocsin.routing.RoutingIntegrationTest;
import io.tocsin.routing.service.Service;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A PUSH contact method is an ntfy topic URL with an optional access token: the token is stored sealed, never shown
 * again, and reaches the notifier only sealed; the topic's host passes the webhooks' address checks.
 */
@RoutingIntegrationTest
class PushContactMethodsIntegrationTest {

    private static final String TOKEN = "tk_AgQdq7mVBoFD37zQVN29RhuMzNIz2";

    @Autowired
    AdminApi api;

    @Autowired
    OnCall onCall;

    @Autowired
    Users users;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theTokenIsNeverShownAgainAndReachesTheNotifierSealed() throws Exception {
        User ada = onCall.responder("Ada");
        String methods = "/api/v1/users/" + ada.id() + "/contact-methods";

        HttpResponse<String> created = api.call("POST", methods, "{\"channel\":\"PUSH\",\"address\":"
                + "\"https://ntfy.sh/tocsin-ada-7f3k\",\"token\":\"" + TOKEN + "\"}");

        JsonNode method = ok(created, 201);
        assertThat(method.path("tokenSet").asBoolean()).isTrue();
        assertThat(method.has("token")).isFalse();
        assertThat(created.body()).doesNotContain(TOKEN).doesNotContain("sealed");
        assertThat(api.call("GET", methods, null).body()).doesNotContain(TOKEN).contains("\"tokenSet\":true");
        UUID id = UUID.fromString(method.path("id").asString());
        String stored = jdbc.sql("select sealed_secret from contact_method where id = :id").param("id", id)
                .query(String.class).single();
        assertThat(stored).startsWith("v1.").doesNotContain(TOKEN);
        // the audit log records the contact method as the API shows it: neither the token nor its sealed form
        assertThat(jdbc.sql("select after::text from audit_log where resource_id = :id").param("id", id.toString())
                .query(String.class).single()).contains("\"tokenSet\": true").doesNotContain(TOKEN)
                .doesNotContain(stored);

        ContactMethod push = users.contactMethod(id).orElseThrow();
        users.addRule(push, Urgency.HIGH, Duration.ZERO);
        Service service = onCall.service(onCall.policy(0, OnCall.level(Duration.ofMinutes(5), ada)));
        onCall.trigger(service, "push-" + id, "Checkout down");
        NotificationRequested page = onCall.awaitPage(onCall.awaitIncident(service, "push-" + id), ada, Channel.PUSH);

        assertThat(page.address()).isEqualTo("https://ntfy.sh/tocsin-ada-7f3k");
        assertThat(page.sealedSecret()).doesNotContain(TOKEN);
        assertThat(new SealedSecrets(List.of(RoutingIntegrationTest.SECRET_KEY)).open(page.sealedSecret()))
                .contains(TOKEN);
    }

    @Test
    void aTopicOnAPrivateAddressIsRefusedUnlessAllowedAndATopicNeedsNoToken() throws Exception {
        String methods = "/api/v1/users/" + onCall.responder("Bo").id() + "/contact-methods";

        assertThat(ok(api.call("POST", methods, "{\"channel\":\"PUSH\",\"address\":\"http://10.0.0.1/alerts\"}"), 400)
                .path("detail").asString()).contains("would never be called: refused to call 10.0.0.1")
                .contains("TOCSIN_WEBHOOK_ALLOWED_HOSTS");
        JsonNode allowed = ok(api.call("POST", methods, "{\"channel\":\"PUSH\",\"address\":\"http://"
                + RoutingIntegrationTest.ALLOWED_PRIVATE_HOST + "/alerts\"}"), 201);
        assertThat(allowed.path("tokenSet").asBoolean()).isFalse();
    }

    @Test
    void whatIsNotATopicOrATokenElsewhereIsA400SayingWhatToGive() throws Exception {
        String methods = "/api/v1/users/" + onCall.responder("Cy").id() + "/contact-methods";

        for (String address : List.of("https://ntfy.sh/", "https://ntfy.sh/a/b", "https://ntfy.sh/t?auth=x",
                "ftp://ntfy.sh/t", "https://user:pw@ntfy.sh/t")) {
            assertThat(ok(api.call("POST", methods, "{\"channel\":\"PUSH\",\"address\":\"" + address + "\"}"), 400)
                    .path("detail").asString()).as(address).contains("must be an ntfy topic URL");
        }
        assertThat(ok(api.call("POST", methods, "{\"channel\":\"WEBHOOK\",\"address\":\"https://hooks.example.com/x\","
                + "\"token\":\"" + TOKEN + "\"}"), 400).path("detail").asString())
                .contains("'token' is for PUSH contact methods").doesNotContain(TOKEN);
        assertThat(ok(api.call("GET", methods, null), 200).path("contactMethods")).isEmpty();
    }
}
