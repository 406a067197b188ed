package io.tocsin.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Every answer carries the security headers, refusals too; a handler's own stricter policy wins. */
@SpringBootTest(classes = SecurityHeadersTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SecurityHeadersTest {

    @Value("${local.server.port}")
    int port;

    @Test
    void aPageCarriesThePolicyAndTheHeaders() throws Exception {
        HttpResponse<String> page = get("/page");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(SecurityHeaders.CONTENT_SECURITY_POLICY);
        assertThat(SecurityHeaders.CONTENT_SECURITY_POLICY).doesNotContain("unsafe-inline").contains("frame-ancestors 'none'");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
    }

    @Test
    void anErrorCarriesThemToo() throws Exception {
        HttpResponse<String> missing = get("/nothing-here");

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void aHandlersOwnPolicyReplacesTheDefault() throws Exception {
        assertThat(get("/own-policy").headers().allValues("Content-Security-Policy")).containsExactly("default-src 'none'");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(Pages.class)
    static class App {
    }

    @RestController
    static class Pages {

        @GetMapping("/page")
        String page() {
            return "<p>hello</p>";
        }

        @GetMapping("/own-policy")
        String ownPolicy(HttpServletResponse response) {
            response.setHeader("Content-Security-Policy", "default-src 'none'");
            return "strict";
        }
    }
}
