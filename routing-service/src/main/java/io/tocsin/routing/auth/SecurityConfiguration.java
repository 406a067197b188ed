package io.tocsin.routing.auth;

import io.tocsin.web.SecurityHeaders;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may send what, in three filter chains: the admin API takes API tokens as bearer tokens (no session, no cookie);
 * the console takes a signed-in session, CSRF tokens on every form, and the same rights as the API; everything else
 * (status pages, calendar feeds with their own secret, the console's static files) is public. All three send the
 * security headers.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String SIGN_IN = "/ui/sign-in";
    static final String COOKIE = "tocsin_console";
    static final String HOME = "/ui/incidents";

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    @Bean
    AuthenticationManager authenticationManager(ApiTokenAuthentication apiTokens, PasswordAuthentication passwords) {
        return new ProviderManager(List.of(apiTokens, passwords));
    }

    /** bcrypt, under an {id} prefix so that a stronger encoding can take over while old hashes keep working. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, AuthenticationManager authentication, Access access, JsonMapper json) {
        BearerTokenAuthenticationFilter bearer = new BearerTokenAuthenticationFilter(authentication);
        bearer.setAuthenticationEntryPoint((request, response, e) -> unauthorized(json, response, e));
        return http.securityMatcher("/api/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().access(access.decider(path -> path)))
                .addFilterAt(bearer, BasicAuthenticationFilter.class)
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) -> unauthorized(json, response, e))
                        .accessDeniedHandler((request, response, e) -> problem(json, response, HttpStatus.FORBIDDEN,
                                "Forbidden", reason(e))))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .logout(logout -> logout.disable())
                .headers(SecurityConfiguration::headers)
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain console(HttpSecurity http, Access access, ConsoleSessionContexts contexts,
            OidcProperties oidc, OidcRegistrations registrations, OidcAuthorizationRequests signInsUnderWay,
            OidcSignIn people, Accounts accounts) {
        if (oidc.enabled()) {
            DefaultOAuth2AuthorizationRequestResolver withPkce = new DefaultOAuth2AuthorizationRequestResolver(
                    registrations, OidcRegistrations.AUTHORIZE);
            withPkce.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
            http.oauth2Login(login -> login.loginPage(SIGN_IN)
                    .clientRegistrationRepository(registrations)
                    .authorizationEndpoint(authorize -> authorize.baseUri(OidcRegistrations.AUTHORIZE)
                            .authorizationRequestResolver(withPkce)
                            .authorizationRequestRepository(signInsUnderWay))
                    .redirectionEndpoint(callback -> callback.baseUri(OidcRegistrations.CALLBACK + "/*"))
                    .userInfoEndpoint(userInfo -> userInfo.oidcUserService(people))
                    .successHandler((request, response, authentication) -> {
                        // the session acts as the Tocsin user the person was linked to, as after any other sign-in
                        Accounts.Account account = accounts.bySubject(
                                ((OidcUser) authentication.getPrincipal()).getSubject()).orElseThrow();
                        contexts.signIn(new SignedIn(account.caller()), request, response);
                        log.info("console sign-in user={} role={} with oidc", account.userId(), account.role());
                        response.setStatus(HttpStatus.SEE_OTHER.value());
                        response.setHeader(HttpHeaders.LOCATION, request.getContextPath() + HOME);
                    })
                    .failureHandler((request, response, e) -> {
                        log.info("console sign-in with oidc refused: {}", e.getMessage());
                        refusalPage(response, e instanceof OAuth2AuthenticationException refused
                                && refused.getError().getDescription() != null ? refused.getError().getDescription()
                                : "Signing in with your identity provider did not work: try again.", SIGN_IN);
                    }));
        }
        return http.securityMatcher("/ui", "/ui/**")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(SIGN_IN, SIGN_IN + "/**").permitAll()
                        .anyRequest().access(access.decider(path -> "/api/v1" + path.substring("/ui".length()))))
                .securityContext(context -> context.securityContextRepository(contexts))
                // signing in needs no session yet; it is refused from other sites (SignInController)
                .csrf(csrf -> csrf.ignoringRequestMatchers(
                        PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, SIGN_IN),
                        PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, SIGN_IN + "/**")))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) -> signInFirst(request, response))
                        .accessDeniedHandler((request, response, e) -> refusalPage(response, e instanceof CsrfException
                                ? "This form is stale or came from another site: reload the page and try again."
                                : reason(e), HOME)))
                .logout(logout -> logout.logoutUrl("/ui/sign-out").logoutSuccessHandler((request, response, a) -> {
                    response.setStatus(HttpStatus.SEE_OTHER.value());
                    response.setHeader(HttpHeaders.LOCATION, request.getContextPath() + SIGN_IN);
                }))
                // the sign-in page takes a "next" page itself
                .requestCache(cache -> cache.disable())
                .headers(SecurityConfiguration::headers)
                .build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain everythingElse(HttpSecurity http) {
        return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .logout(logout -> logout.disable())
                // status pages and static files may be cached; the API and console are not
                .headers(headers -> headers(headers.cacheControl(cache -> cache.disable())))
                .build();
    }

    /**
     * The console's session cookie: never read by script, never sent by another site's requests (links from email
     * land through a same-site refresh, see {@link #signInFirst}), Secure whenever the request came over TLS.
     */
    @Bean
    CookieSerializer consoleCookie() {
        DefaultCookieSerializer cookie = new DefaultCookieSerializer();
        cookie.setCookieName(COOKIE);
        cookie.setCookiePath("/ui");
        cookie.setSameSite("Strict");
        cookie.setUseHttpOnlyCookie(true);
        return cookie;
    }

    private static void headers(HeadersConfigurer<HttpSecurity> headers) {
        headers.contentSecurityPolicy(csp -> csp.policyDirectives(SecurityHeaders.CONTENT_SECURITY_POLICY))
                .frameOptions(frames -> frames.deny())
                // links in pages may carry tokens (email acknowledge links, calendar feeds): never tell another site
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER));
    }

    private static String reason(AccessDeniedException e) {
        return e instanceof AuthorizationDeniedException denied
                && denied.getAuthorizationResult() instanceof Access.Refusal refusal
                ? refusal.reason() : "You may not do this.";
    }

    private static void unauthorized(JsonMapper json, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"tocsin\"");
        problem(json, response, HttpStatus.UNAUTHORIZED, "Unauthorized", e instanceof InsufficientAuthenticationException
                ? "Send the header 'Authorization: Bearer <API token>'." : ApiTokenAuthentication.NOT_VALID);
    }

    private static void problem(JsonMapper json, HttpServletResponse response, HttpStatus status, String title,
            String detail) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    /**
     * Sends the browser to the sign-in page, coming back here after. A page opened from a link in an email is a
     * cross-site navigation, on which browsers withhold a SameSite=Strict cookie; the sign-in page is therefore
     * reached by a same-site refresh, which does carry it, so that a signed-in responder goes straight on.
     */
    private static void signInFirst(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String here = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo())
                + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        String signIn = request.getContextPath() + SIGN_IN + "?next=" + URLEncoder.encode(here, StandardCharsets.UTF_8);
        if (request.getHeader("HX-Request") != null) {
            // htmx follows this header with a full page load; a plain redirect would land inside the polled fragment
            response.setHeader("HX-Redirect", signIn);
            response.setStatus(HttpStatus.UNAUTHORIZED.value());
            return;
        }
        if (!request.getMethod().equals("GET")) {
            response.setStatus(HttpStatus.SEE_OTHER.value());
            response.setHeader(HttpHeaders.LOCATION, signIn);
            return;
        }
        String escaped = HtmlUtils.htmlEscape(signIn);
        response.setStatus(HttpStatus.OK.value());
        response.setContentType(MediaType.TEXT_HTML_VALUE + ";charset=UTF-8");
        response.getWriter().write("<!DOCTYPE html><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"0;url="
                + escaped + "\"><title>Sign in · Tocsin</title><p><a href=\"" + escaped + "\">Sign in to Tocsin</a></p>");
    }

    /** A 403 page saying why, with a link on (the incidents, or the sign-in page for a refused sign-in). */
    private static void refusalPage(HttpServletResponse response, String message, String onwards) throws IOException {
        response.setStatus(HttpStatus.FORBIDDEN.value());
        response.setContentType(MediaType.TEXT_HTML_VALUE + ";charset=UTF-8");
        response.getWriter().write("<!DOCTYPE html><meta charset=\"utf-8\"><title>Forbidden · Tocsin</title>"
                + "<p id=\"refusal\">" + HtmlUtils.htmlEscape(message) + "</p><p><a href=\"" + onwards + "\">"
                + (onwards.equals(HOME) ? "Incidents" : "Sign in") + "</a></p>");
    }
}
