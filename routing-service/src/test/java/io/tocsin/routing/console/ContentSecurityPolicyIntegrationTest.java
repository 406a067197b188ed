package io.tocsin.routing.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.routing.AdminApi;
import io.tocsin.routing.RoutingIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The console, the status pages and the API answer with the security headers, and no page needs what the policy
 * refuses (inline script, inline style, event-handler attributes), so the pages keep working under it.
 */
@RoutingIntegrationTest
class ContentSecurityPolicyIntegrationTest {

    private static final Pattern REFUSED_BY_THE_POLICY = Pattern.compile(
            "<script(?![^>]*\\bsrc=)[^>]*>|<style|\\sstyle=|\\son[a-z]+=|javascript:|hx-on", Pattern.CASE_INSENSITIVE);

    @Autowired
    AdminApi api;

    @Test
    void pagesRefusalsAndTheApiCarryTheHeaders() throws Exception {
        for (String path : List.of("/ui/sign-in", "/status/no-such-page", "/api/v1/users")) {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(api.url(path))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.headers().firstValue("Content-Security-Policy")).as(path).isPresent().get()
                    .asString().contains("script-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe-inline");
            assertThat(answer.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
            assertThat(answer.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
            assertThat(answer.headers().firstValue("Referrer-Policy")).as(path).hasValue("no-referrer");
        }
    }

    @Test
    void noTemplateUsesInlineScriptOrStyle() throws Exception {
        try (Stream<Path> templates = Files.walk(Path.of("src/main/resources/templates"))) {
            List<Path> pages = templates.filter(file -> file.toString().endsWith(".html")).toList();
            assertThat(pages).isNotEmpty();
            for (Path page : pages) {
                assertThat(REFUSED_BY_THE_POLICY.matcher(Files.readString(page)).results().map(m -> m.group()).toList())
                        .as(page.toString()).isEmpty();
            }
        }
        HttpResponse<String> script = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(api.url("/assets/console.js"))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(script.body()).contains("data-confirm", "confirm(");
    }
}
