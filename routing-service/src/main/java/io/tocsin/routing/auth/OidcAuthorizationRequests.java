package io.tocsin.routing.auth;

import io.tocsin.contracts.SecretHash;
import io.tocsin.routing.SqlTime;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.client.web.AuthorizationRequestRepository;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.stereotype.Repository;

/**
 * OIDC sign-ins under way, in PostgreSQL (any routing instance may receive the browser back) under a SameSite=Lax
 * cookie: the session's SameSite=Strict cookie is withheld when the identity provider sends the browser back.
 */
@Repository
class OidcAuthorizationRequests implements AuthorizationRequestRepository<OAuth2AuthorizationRequest> {

    private static final String COOKIE = "tocsin_oidc";
    /** Time enough to type a password and a second factor at the identity provider. */
    private static final Duration LIFETIME = Duration.ofMinutes(10);

    private final JdbcClient jdbc;
    private final Clock clock;

    OidcAuthorizationRequests(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public OAuth2AuthorizationRequest loadAuthorizationRequest(HttpServletRequest request) {
        return browser(request).flatMap(browser -> jdbc.sql("""
                        select request from oidc_sign_in where browser_hash = :hash and expires_at > :now
                        """)
                        .param("hash", SecretHash.of(browser))
                        .param("now", SqlTime.of(clock.instant()))
                        .query((rs, n) -> read(rs.getBytes("request")))
                        .optional())
                // the provider echoes the state: a request for another sign-in of this browser does not match
                .filter(saved -> saved.getState().equals(request.getParameter(OAuth2ParameterNames.STATE)))
                .orElse(null);
    }

    @Override
    public void saveAuthorizationRequest(OAuth2AuthorizationRequest authorization, HttpServletRequest request,
            HttpServletResponse response) {
        if (authorization == null) {
            removeAuthorizationRequest(request, response);
            return;
        }
        Instant now = clock.instant();
        jdbc.sql("delete from oidc_sign_in where expires_at <= :now").param("now", SqlTime.of(now)).update();
        String browser = SecretHash.generate();
        jdbc.sql("insert into oidc_sign_in (browser_hash, request, expires_at) values (:hash, :request, :expires)")
                .param("hash", SecretHash.of(browser))
                .param("request", write(authorization))
                .param("expires", SqlTime.of(now.plus(LIFETIME)))
                .update();
        response.addHeader(HttpHeaders.SET_COOKIE, cookie(request, browser, LIFETIME).toString());
    }

    @Override
    public OAuth2AuthorizationRequest removeAuthorizationRequest(HttpServletRequest request,
            HttpServletResponse response) {
        OAuth2AuthorizationRequest saved = loadAuthorizationRequest(request);
        browser(request).ifPresent(browser -> jdbc.sql("delete from oidc_sign_in where browser_hash = :hash")
                .param("hash", SecretHash.of(browser))
                .update());
        response.addHeader(HttpHeaders.SET_COOKIE, cookie(request, "", Duration.ZERO).toString());
        return saved;
    }

    private static Optional<String> browser(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        return cookies == null ? Optional.empty() : Arrays.stream(cookies)
                .filter(cookie -> cookie.getName().equals(COOKIE))
                .map(Cookie::getValue)
                .findFirst();
    }

    private static ResponseCookie cookie(HttpServletRequest request, String value, Duration maxAge) {
        return ResponseCookie.from(COOKIE, value).httpOnly(true).secure(request.isSecure()).sameSite("Lax")
                .path(OidcRegistrations.AUTHORIZE).maxAge(maxAge).build();
    }

    /** Java serialization of Spring Security's own (Serializable) type; the bytes never leave the database. */
    private static byte[] write(OAuth2AuthorizationRequest authorization) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(authorization);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static OAuth2AuthorizationRequest read(byte[] stored) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(stored))) {
            return (OAuth2AuthorizationRequest) in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("an OIDC sign-in under way could not be read back", e);
        }
    }
}
