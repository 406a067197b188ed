package io.tocsin.routing.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.routing.AdminApi;
import io.tocsin.routing.user.User;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/** The console over plain HTTP, as a browser uses it: a session cookie from signing in, forms with its CSRF token. */
@Component
public class ConsoleClient {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern ETAG = Pattern.compile("name=\"etag\" value=\"([^\"]+)\"");

    private final AdminApi api;

    ConsoleClient(AdminApi api) {
        this.api = api;
    }

    /** Posts the form ({@code a=1&b=2}); with no cookie as someone not signed in. */
    HttpResponse<String> post(String path, String cookie, String form) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.url(path)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.url(path)));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Signs in with the token; the session cookie as a browser would send it back. */
    String signIn(String token) throws Exception {
        HttpResponse<String> signedIn = post("/ui/sign-in", null,
                "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8) + "&next=/ui/services");
        assertThat(signedIn.statusCode()).isEqualTo(303);
        assertThat(signedIn.headers().firstValue("Location")).hasValue("/ui/services");
        return cookie(signedIn);
    }

    /** The session cookie a sign-in answer sets, as a browser would send it back. */
    static String cookie(HttpResponse<String> signedIn) {
        String setCookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).contains("HttpOnly", "SameSite=Strict", "Path=/ui");
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    /** Signs in with a new token of the role, acting as the user. */
    String signIn(String role, User user) throws Exception {
        return signIn(ConsoleBrowserIntegrationTest.token(api, role, user));
    }

    /** The CSRF token of the page's first form (every page has one: sign out). */
    static String csrf(String page) {
        Matcher matcher = CSRF.matcher(page);
        assertThat(matcher.find()).as("a form with a CSRF token").isTrue();
        return matcher.group(1);
    }

    /** The ETag an edit form of the page was rendered with, as the form sends it back. */
    static String etag(String page) {
        Matcher matcher = ETAG.matcher(page);
        assertThat(matcher.find()).as("the page's ETag").isTrue();
        return HtmlUtils.htmlUnescape(matcher.group(1));
    }

    /** A form body from names and values, in turn, each encoded. */
    static String form(String... namesAndValues) {
        StringBuilder form = new StringBuilder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            form.append(i == 0 ? "" : "&").append(namesAndValues[i]).append('=')
                    .append(URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8));
        }
        return form.toString();
    }

    /** The page's text as a person reads it: no tags, entities decoded, white space collapsed. */
    static String text(String html) {
        return HtmlUtils.htmlUnescape(html.replaceAll("<[^>]*>", " ")).replaceAll("\\s+", " ").trim();
    }
}
