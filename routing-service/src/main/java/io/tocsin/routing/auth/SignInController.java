package io.tocsin.routing.auth;

import io.tocsin.routing.api.InvalidRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The console's sign-in page: with an email address and password, with a one-time link (an invitation, the demo
 * admin's first sign-in) that sets the password, or with an API token (automation). Sign-ins need no CSRF token, as no
 * session exists yet; one posted from another site is refused instead (it would sign the browser in as someone else).
 */
@Controller
class SignInController {

    private static final Logger log = LoggerFactory.getLogger(SignInController.class);
    private static final String HOME = SecurityConfiguration.HOME;
    private static final String CROSS_SITE = "Sign in from Tocsin's own sign-in page.";
    private static final String LINK_GONE = "This sign-in link has expired or was used already: ask an admin for a new"
            + " invitation.";

    private final AuthenticationManager authentication;
    private final ConsoleSessionContexts sessions;
    private final SignInAttempts attempts;
    private final SignInLinks links;
    private final Accounts accounts;
    private final Passwords passwords;
    private final SignInProperties properties;
    private final OidcProperties oidc;

    SignInController(AuthenticationManager authentication, ConsoleSessionContexts sessions, SignInAttempts attempts,
            SignInLinks links, Accounts accounts, Passwords passwords, SignInProperties properties,
            OidcProperties oidc) {
        this.authentication = authentication;
        this.sessions = sessions;
        this.attempts = attempts;
        this.links = links;
        this.accounts = accounts;
        this.passwords = passwords;
        this.properties = properties;
        this.oidc = oidc;
    }

    /** The form; a browser that is signed in already goes on to where it was headed. */
    @GetMapping(SecurityConfiguration.SIGN_IN)
    Object form(Authentication signedIn, @RequestParam(required = false) String next, Model model) {
        if (signedIn instanceof SignedIn) {
            return seeOther(destination(next)).build();
        }
        model.addAttribute("next", destination(next));
        model.addAttribute("oidc", oidcLink());
        return "console/sign-in";
    }

    @PostMapping(SecurityConfiguration.SIGN_IN)
    Object signIn(HttpServletRequest request, HttpServletResponse response,
            @RequestParam(defaultValue = "") String token, @RequestParam(required = false) String next) {
        if (crossSite(request)) {
            return failed(HttpStatus.FORBIDDEN, CROSS_SITE, next);
        }
        Optional<SignedIn> signedIn = token.isBlank() ? Optional.empty()
                : authenticate(new BearerTokenAuthenticationToken(token));
        if (signedIn.isEmpty()) {
            return failed(HttpStatus.UNAUTHORIZED, "That API token is not valid: it may have been revoked or mistyped."
                    + " An admin issues tokens with POST /api/v1/api-tokens.", next);
        }
        sessions.signIn(signedIn.get(), request, response);
        log.info("console sign-in token={} role={}", signedIn.get().caller().tokenId(), signedIn.get().caller().role());
        return seeOther(destination(next)).build();
    }

    @PostMapping(SecurityConfiguration.SIGN_IN + "/password")
    Object signInWithPassword(HttpServletRequest request, HttpServletResponse response,
            @RequestParam(defaultValue = "") String email, @RequestParam(defaultValue = "") String password,
            @RequestParam(required = false) String next) {
        if (crossSite(request)) {
            return failed(HttpStatus.FORBIDDEN, CROSS_SITE, next);
        }
        String address = request.getRemoteAddr();
        if (attempts.blocked(email, address)) {
            log.warn("console sign-in refused: too many failures for the account or address={}", address);
            return failed(HttpStatus.TOO_MANY_REQUESTS, "Too many failed sign-ins for this account or from this"
                    + " address: wait " + properties.failureWindow().toMinutes() + " minutes, or ask an admin for an"
                    + " invitation link to choose a new password.", next);
        }
        Optional<SignedIn> signedIn = email.isBlank() || password.isEmpty() ? Optional.empty()
                : authenticate(UsernamePasswordAuthenticationToken.unauthenticated(email, password));
        if (signedIn.isEmpty()) {
            attempts.failed(email, address);
            return failed(HttpStatus.UNAUTHORIZED, "That email address and password do not match.", next);
        }
        attempts.succeeded(email);
        sessions.signIn(signedIn.get(), request, response);
        log.info("console sign-in user={} role={} with password", signedIn.get().caller().userId(),
                signedIn.get().caller().role());
        return seeOther(destination(next)).build();
    }

    /** A one-time link's page: whose it is, and a form to choose a password (the link is used up by the post). */
    @GetMapping(SignInLinks.PATH)
    Object link(@RequestParam(defaultValue = "") String token, Model model) {
        Optional<Accounts.Account> account = links.peek(token).flatMap(accounts::find);
        if (account.isEmpty()) {
            return linkFailed(HttpStatus.GONE, LINK_GONE);
        }
        model.addAttribute("token", token);
        model.addAttribute("name", account.get().name());
        return "console/sign-in-link";
    }

    @PostMapping(SignInLinks.PATH)
    Object signInWithLink(HttpServletRequest request, HttpServletResponse response,
            @RequestParam(defaultValue = "") String token, @RequestParam(defaultValue = "") String password) {
        if (crossSite(request)) {
            return linkFailed(HttpStatus.FORBIDDEN, CROSS_SITE);
        }
        String hash;
        try {
            hash = passwords.hash(password);
        } catch (InvalidRequest e) {
            // the link stays valid: the person tries another password
            ModelAndView page = linkFailed(HttpStatus.BAD_REQUEST, e.getMessage());
            page.setViewName("console/sign-in-link");
            page.addObject("token", token);
            return page;
        }
        Optional<Accounts.Account> account = links.redeem(token).flatMap(accounts::find);
        if (account.isEmpty()) {
            return linkFailed(HttpStatus.GONE, LINK_GONE);
        }
        accounts.setPassword(account.get().userId(), hash);
        sessions.signIn(new SignedIn(account.get().caller()), request, response);
        log.info("console sign-in user={} role={} with a one-time link; password set", account.get().userId(),
                account.get().role());
        return seeOther(HOME).build();
    }

    private Optional<SignedIn> authenticate(Authentication attempt) {
        try {
            return Optional.of((SignedIn) authentication.authenticate(attempt));
        } catch (AuthenticationException e) {
            return Optional.empty();
        }
    }

    private static ModelAndView linkFailed(HttpStatus status, String error) {
        ModelAndView page = new ModelAndView("console/sign-in-link", status);
        page.addObject("error", error);
        return page;
    }

    /** Browsers say where a request came from; a sign-in from another site's page is login CSRF. */
    private static boolean crossSite(HttpServletRequest request) {
        return "cross-site".equals(request.getHeader("Sec-Fetch-Site"));
    }

    /** Where the single sign-on button leads, if single sign-on is configured. */
    private String oidcLink() {
        return oidc.enabled() ? OidcRegistrations.AUTHORIZE + "/" + OidcRegistrations.ID : null;
    }

    private ModelAndView failed(HttpStatus status, String error, String next) {
        ModelAndView page = new ModelAndView("console/sign-in", status);
        page.addObject("oidc", oidcLink());
        page.addObject("error", error);
        page.addObject("next", destination(next));
        return page;
    }

    private static ResponseEntity.HeadersBuilder<?> seeOther(String location) {
        return ResponseEntity.status(HttpStatus.SEE_OTHER).header(HttpHeaders.LOCATION, location);
    }

    /** Only a console page of this site: never another host ("//evil", "/\evil") nor an API or sign-in path. */
    private static String destination(String next) {
        boolean console = next != null && next.startsWith("/ui/") && !next.startsWith(SecurityConfiguration.SIGN_IN)
                && next.chars().noneMatch(c -> c == '\\' || c < 0x20);
        return console ? next : HOME;
    }
}
