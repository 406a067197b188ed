package io.tocsin.routing.auth;

import io.tocsin.routing.api.Caller;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.util.HtmlUtils;

/**
 * Every /ui/ page needs a signed-in session (see {@link SignInController}). A session acts with its API token's role
 * exactly as the admin API does: each console path mirrors an API path ({@code /ui/incidents/7/acknowledge} is
 * {@code /api/v1/incidents/7/acknowledge}) and {@link Access} decides on the API path. A request that changes
 * something must also carry the session's CSRF token, besides the cookie being SameSite=Strict.
 */
@Configuration(proxyBeanMethods = false)
public class ConsoleAuthentication implements WebMvcConfigurer, HandlerInterceptor {

    /** The request attribute holding the session's CSRF token, for forms to echo back as {@value #CSRF_PARAMETER}. */
    public static final String CSRF = "tocsin.csrf";
    static final String CSRF_PARAMETER = "_csrf";
    static final String CSRF_HEADER = "X-CSRF-Token";
    static final String COOKIE = "tocsin_console";
    static final String SIGN_IN = "/ui/sign-in";

    private final ConsoleSessions sessions;
    private final Access access;
    private final ConsoleProperties properties;

    ConsoleAuthentication(ConsoleSessions sessions, Access access, ConsoleProperties properties) {
        this.sessions = sessions;
        this.access = access;
        this.properties = properties;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/ui", "/ui/**").excludePathPatterns(SIGN_IN, "/ui/sign-out");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        Optional<ConsoleSessions.Session> session = sessionId(request).flatMap(sessions::find);
        if (session.isEmpty()) {
            return signInFirst(request, response);
        }
        boolean reads = request.getMethod().equals("GET") || request.getMethod().equals("HEAD");
        if (!reads && !csrfMatches(request, session.get().csrfToken())) {
            return refuse(response, HttpStatus.FORBIDDEN, "This form is stale or came from another site: reload the"
                    + " page and try again.");
        }
        String path = BearerTokenAuthentication.path(request);
        Optional<String> refusal = access.refusal(session.get().caller(), request.getMethod(),
                "/api/v1" + path.substring("/ui".length()));
        if (refusal.isPresent()) {
            return refuse(response, HttpStatus.FORBIDDEN, refusal.get());
        }
        request.setAttribute(Caller.ATTRIBUTE, session.get().caller());
        request.setAttribute(CSRF, session.get().csrfToken());
        return true;
    }

    /** The session id from the request's cookie, if it sent one. */
    static Optional<String> sessionId(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        return cookies == null ? Optional.empty() : Arrays.stream(cookies)
                .filter(cookie -> cookie.getName().equals(COOKIE))
                .map(Cookie::getValue)
                .findFirst();
    }

    /** The cookie that holds a session id in the browser ({@code maxAge} zero: the one that removes it). */
    ResponseCookie cookie(HttpServletRequest request, String value, boolean remove) {
        return ResponseCookie.from(COOKIE, value)
                .httpOnly(true)
                .secure(request.isSecure())
                .sameSite("Strict")
                .path("/ui")
                .maxAge(remove ? Duration.ZERO : properties.sessionLifetime())
                .build();
    }

    static boolean csrfMatches(HttpServletRequest request, String expected) {
        String sent = request.getParameter(CSRF_PARAMETER);
        if (sent == null) {
            sent = request.getHeader(CSRF_HEADER);
        }
        return sent != null && MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sends the browser to the sign-in page, coming back here after. A page opened from a link in an email is a
     * cross-site navigation, on which browsers withhold a SameSite=Strict cookie; the sign-in page is therefore
     * reached by a same-site refresh, which does carry it, so that a signed-in responder goes straight on.
     */
    private static boolean signInFirst(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String here = BearerTokenAuthentication.path(request)
                + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        String signIn = request.getContextPath() + SIGN_IN + "?next=" + URLEncoder.encode(here, StandardCharsets.UTF_8);
        if (request.getHeader("HX-Request") != null) {
            // htmx follows this header with a full page load; a plain redirect would land inside the polled fragment
            response.setHeader("HX-Redirect", signIn);
            response.setStatus(HttpStatus.UNAUTHORIZED.value());
            return false;
        }
        if (!request.getMethod().equals("GET")) {
            response.setStatus(HttpStatus.SEE_OTHER.value());
            response.setHeader(HttpHeaders.LOCATION, signIn);
            return false;
        }
        String escaped = HtmlUtils.htmlEscape(signIn);
        response.setStatus(HttpStatus.OK.value());
        response.setContentType(MediaType.TEXT_HTML_VALUE + ";charset=UTF-8");
        response.getWriter().write("<!DOCTYPE html><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"0;url="
                + escaped + "\"><title>Sign in · Tocsin</title><p><a href=\"" + escaped + "\">Sign in to Tocsin</a></p>");
        return false;
    }

    private static boolean refuse(HttpServletResponse response, HttpStatus status, String message) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.TEXT_HTML_VALUE + ";charset=UTF-8");
        response.getWriter().write("<!DOCTYPE html><meta charset=\"utf-8\"><title>" + status.getReasonPhrase()
                + " · Tocsin</title><p>" + HtmlUtils.htmlEscape(message) + "</p><p><a href=\"/ui/incidents\">Incidents</a></p>");
        return false;
    }
}
