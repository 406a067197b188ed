package io.tocsin.notifier.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.contracts.Channel;
import io.tocsin.contracts.NotificationRequested;
import io.tocsin.contracts.Severity;
import io.tocsin.contracts.Urgency;
import io.tocsin.notifier.email.EmailPage.Detail;
import io.tocsin.notifier.email.EmailPage.Link;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EmailPageTest {

    @Test
    void theSubjectNamesTheIncidentSeverityAndSummaryOnOneLine() {
        assertThat(page("Disk full on db-1", 12L, Severity.CRITICAL, Map.of()).subject())
                .isEqualTo("[Tocsin #12] CRITICAL: Disk full on db-1");
        assertThat(page("Disk full\r\non db-1\nBcc: x@example.test", 12L, null, Map.of()).subject())
                .isEqualTo("[Tocsin #12] Disk full on db-1 Bcc: x@example.test");
        assertThat(page("x".repeat(400), 12L, Severity.INFO, Map.of()).subject()).hasSizeLessThan(200).endsWith("…");
    }

    @Test
    void anIncidentWithoutANumberIsNamedByTheStartOfItsId() {
        EmailPage page = page("Disk full", null, Severity.ERROR, Map.of());

        assertThat(page.subject()).matches("\\[Tocsin [0-9a-f]{8}] ERROR: Disk full");
    }

    @Test
    void detailsAreTextAndNestedValuesJson() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("mount", "/var");
        details.put("used_percent", 99.5);
        details.put("labels", Map.of("team", "storage"));
        details.put("nothing", null);

        assertThat(page("Disk full", 1L, Severity.CRITICAL, details).details()).containsExactly(
                new Detail("mount", "/var"),
                new Detail("used_percent", "99.5"),
                new Detail("labels", "{\"team\":\"storage\"}"));
    }

    @Test
    void linksComeFromPagerDutyLinksClientUrlAndWebAddressesAndOnlyWebOnes() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("links", List.of(
                Map.of("href", "https://runbooks.example.test/disk", "text", "Runbook"),
                Map.of("href", "javascript:alert(1)", "text", "Evil"),
                Map.of("href", "https://grafana.example.test/d/1")));
        details.put("client", "Prometheus");
        details.put("client_url", "https://prometheus.example.test/alerts");
        details.put("generatorURL", "http://prometheus:9090/graph?g0.expr=up");
        details.put("note", "see https://example.test in the text");
        details.put("sneaky", "data:text/html,<script>alert(1)</script>");

        EmailPage page = page("Disk full", 1L, Severity.CRITICAL, details);

        assertThat(page.links()).containsExactly(
                new Link("Runbook", "https://runbooks.example.test/disk"),
                new Link("https://grafana.example.test/d/1", "https://grafana.example.test/d/1"),
                new Link("Open in Prometheus", "https://prometheus.example.test/alerts"),
                new Link("generatorURL", "http://prometheus:9090/graph?g0.expr=up"));
        assertThat(page.details()).extracting(Detail::name).doesNotContain("links").contains("client_url", "sneaky");
    }

    private static EmailPage page(String summary, Long number, Severity severity, Map<String, Object> details) {
        NotificationRequested n = new NotificationRequested(UUID.randomUUID(), NotificationRequested.SCHEMA_VERSION,
                UUID.randomUUID(), UUID.randomUUID(), "Ada", UUID.randomUUID(), Channel.EMAIL, "ada@example.test",
                "Storage", summary, severity, Urgency.HIGH, Instant.now(), number, "db-1", details);
        return EmailPage.of(n, "https://pager.example.test/ack/a", "https://pager.example.test/ack/r", "soon",
                null);
    }
}
