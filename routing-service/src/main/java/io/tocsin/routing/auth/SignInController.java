package io.tocsin.routing.auth;

import io.tocsin.routing.api.Caller;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/** Signing in to the web console with an API token, which starts a session in an HttpOnly cookie, and signing out. */
@Controller
class SignInController {

    private static final Logger log = LoggerFactory.getLogger(SignInController.class);
    private static final String HOME = "/ui/incidents";

    private final ApiTokens tokens;
    private final ConsoleSessions sessions;
    private final ConsoleAuthentication authentication;

    SignInController(ApiTokens tokens, ConsoleSessions sessions, ConsoleAuthentication authentication) {
        this.tokens = tokens;
        this.sessions = sessions;
        this.authentication = authentication;
    }

    /** The form; a browser that is signed in already goes on to where it was headed. */
    @GetMapping(ConsoleAuthentication.SIGN_IN)
    Object form(HttpServletRequest request, @RequestParam(required = false) String next, Model model) {
        if (ConsoleAuthentication.sessionId(request).flatMap(sessions::find).isPresent()) {
            return seeOther(destination(next)).build();
        }
        model.addAttribute("next", destination(next));
        return "console/sign-in";
    }

    @PostMapping(ConsoleAuthentication.SIGN_IN)
    Object signIn(HttpServletRequest request, @RequestParam(defaultValue = "") String token,
            @RequestParam(required = false) String next) {
        // a sign-in posted from another site would sign this browser in as someone else (login CSRF)
        if ("cross-site".equals(request.getHeader("Sec-Fetch-Site"))) {
            return failed(HttpStatus.FORBIDDEN, "Sign in from Tocsin's own sign-in page.", next);
        }
        Optional<Caller> caller = token.isBlank() ? Optional.empty() : tokens.authenticate(token.strip());
        if (caller.isEmpty()) {
            return failed(HttpStatus.UNAUTHORIZED, "That API token is not valid: it may have been revoked or mistyped."
                    + " An admin issues tokens with POST /api/v1/api-tokens.", next);
        }
        ConsoleSessions.Started session = sessions.start(caller.get().tokenId());
        log.info("console sign-in token={} role={}", caller.get().tokenId(), caller.get().role());
        return seeOther(destination(next))
                .header(HttpHeaders.SET_COOKIE, authentication.cookie(request, session.id(), false).toString())
                .build();
    }

    /** Ends the session; only its own pages can (they carry its CSRF token), not another site's form. */
    @PostMapping("/ui/sign-out")
    ResponseEntity<Void> signOut(HttpServletRequest request) {
        ConsoleAuthentication.sessionId(request)
                .filter(id -> sessions.find(id).filter(session ->
                        ConsoleAuthentication.csrfMatches(request, session.csrfToken())).isPresent())
                .ifPresent(sessions::end);
        return seeOther(ConsoleAuthentication.SIGN_IN)
                .header(HttpHeaders.SET_COOKIE, authentication.cookie(request, "", true).toString())
                .build();
    }

    private static ModelAndView failed(HttpStatus status, String error, String next) {
        ModelAndView page = new ModelAndView("console/sign-in", status);
        page.addObject("error", error);
        page.addObject("next", destination(next));
        return page;
    }

    private static ResponseEntity.HeadersBuilder<?> seeOther(String location) {
        return ResponseEntity.status(HttpStatus.SEE_OTHER).header(HttpHeaders.LOCATION, location);
    }

    /** Only a console page of this site: never another host ("//evil", "/\evil") nor an API or sign-in path. */
    private static String destination(String next) {
        boolean console = next != null && next.startsWith("/ui/") && !next.startsWith(ConsoleAuthentication.SIGN_IN)
                && next.chars().noneMatch(c -> c == '\\' || c < 0x20);
        return console ? next : HOME;
    }
}
