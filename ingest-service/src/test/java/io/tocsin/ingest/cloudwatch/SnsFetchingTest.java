package io.tocsin.ingest.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.tocsin.ingest.intake.Reason;
import io.tocsin.ingest.intake.Rejected;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Server-side request forgery through SNS messages: ingest fetches a signing certificate or confirms a subscription
 * only at {@code https://sns.<region>.amazonaws.com}, whatever tricks a forged SigningCertURL or SubscribeURL plays,
 * and never follows a redirect away from it.
 */
class SnsFetchingTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "https://127.0.0.1/cert.pem",
            "https://[::1]/cert.pem",
            "https://[::ffff:127.0.0.1]/cert.pem",
            "https://169.254.169.254/latest/meta-data/",
            "https://2130706433/cert.pem",
            "https://0x7f000001/cert.pem",
            "https://sns.us-east-1.amazonaws.com@127.0.0.1/",
            "https://sns.us-east-1.amazonaws.com:443@127.0.0.1/",
            "https://sns.us-east-1.amazonaws.com%40127.0.0.1/",
            "https://127.0.0.1#@sns.us-east-1.amazonaws.com/",
            "https://127.0.0.1\\@sns.us-east-1.amazonaws.com/",
            "https://sns.us-east-1.amazonaws.com.127.0.0.1.nip.io/",
            "https://sns.us-east-1.amazonaws.com./cert.pem",
            "https://localhost/cert.pem",
            "https://sns.us-east-1.amazonaws.com:8443/",
            "http://sns.us-east-1.amazonaws.com/",
            "file:///etc/passwd",
            "//sns.us-east-1.amazonaws.com/cert.pem",
            ""})
    void onlyAnHttpsSnsHostIsEverFetched(String url) {
        assertThatThrownBy(() -> SnsHosts.requireGenuine(url, "SubscribeURL")).isInstanceOfSatisfying(Rejected.class,
                refused -> assertThat(refused.reason()).isEqualTo(Reason.SIGNATURE_INVALID));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&Token=t",
            "https://sns.cn-north-1.amazonaws.com.cn/SimpleNotificationService-x.pem",
            "https://SNS.eu-west-1.amazonaws.com:443/SimpleNotificationService-x.pem"})
    void genuineSnsUrlsPass(String url) {
        assertThat(SnsHosts.requireGenuine(url, "SigningCertURL")).hasToString(url);
    }

    @Test
    void aRedirectIsNeverFollowed() throws IOException {
        List<String> requested = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        server.createContext("/", exchange -> {
            requested.add(exchange.getRequestURI().getPath());
            exchange.getResponseHeaders().add("Location", base + "/internal-metadata");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.start();
        try {
            assertThatThrownBy(() -> new JdkSnsHttp().get(URI.create(base + "/cert.pem")))
                    .isInstanceOf(IOException.class).hasMessageContaining("answered 302");
            assertThat(requested).containsExactly("/cert.pem");
        } finally {
            server.stop(0);
        }
    }
}
