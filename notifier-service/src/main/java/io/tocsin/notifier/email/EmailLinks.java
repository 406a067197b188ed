package io.tocsin.notifier.email;

import io.tocsin.contracts.Channel;
import io.tocsin.contracts.IncidentStatus;
import io.tocsin.notifier.command.Commands;
import io.tocsin.notifier.email.ActionLinks.Acting;
import io.tocsin.notifier.email.ActionLinks.Refused;
import io.tocsin.notifier.incident.KnownIncident;
import io.tocsin.notifier.incident.StatusWords;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The pages behind the links in email pages. {@code GET /ack/{token}} only shows the incident and a button: mail
 * systems follow links to scan them, and must never acknowledge anything. {@code POST /ack/{token}} acts, as the
 * contact method the email went to; the token is the capability (signed, expiring, one incident), so no other
 * CSRF defence is needed: a forged form cannot carry a valid token it does not have.
 */
@Controller
class EmailLinks {

    static final String PATH_PREFIX = "/ack/";
    private static final Logger log = LoggerFactory.getLogger(EmailLinks.class);

    private final ActionLinks links;
    private final Commands commands;

    EmailLinks(ActionLinks links, Commands commands) {
        this.links = links;
        this.commands = commands;
    }

    @GetMapping(PATH_PREFIX + "{token}")
    ModelAndView show(@PathVariable String token, HttpServletResponse response) {
        guard(response);
        return withLink(token, this::confirmation);
    }

    @PostMapping(PATH_PREFIX + "{token}")
    ModelAndView act(@PathVariable String token, @RequestParam(required = false) String action,
            HttpServletResponse response) {
        guard(response);
        return withLink(token, link -> act(link, action));
    }

    private ModelAndView confirmation(Acting link) {
        KnownIncident incident = link.incident();
        Map<String, Object> model = model(link);
        if (incident.status() == IncidentStatus.RESOLVED) {
            model.put("heading", StatusWords.already(incident));
            model.put("message", "Nothing left to do.");
            return new ModelAndView("ack/page", model, HttpStatus.OK);
        }
        if (incident.status() == IncidentStatus.ACKNOWLEDGED && link.token().action() == LinkAction.ACKNOWLEDGE) {
            model.put("heading", StatusWords.already(incident));
            model.put("message", "You can still resolve it here once it is fixed.");
        } else {
            model.put("heading", link.token().action().label() + " " + incident.label() + "?");
            model.put("message", "Nothing changes until you press the button.");
        }
        model.put("actions", buttons(available(incident.status()), link.token().action()));
        return new ModelAndView("ack/page", model, HttpStatus.OK);
    }

    private ModelAndView act(Acting link, String field) {
        Optional<LinkAction> chosen = field == null || field.isBlank()
                ? Optional.of(link.token().action())
                : LinkAction.byField(field.strip());
        if (chosen.isEmpty()) {
            return problem(HttpStatus.BAD_REQUEST, "Unknown action",
                    "This page can acknowledge or resolve; open the link from the email again and press its button.");
        }
        LinkAction action = chosen.get();
        KnownIncident incident = link.incident();
        Map<String, Object> model = model(link);
        boolean moot = incident.status() == IncidentStatus.RESOLVED
                || incident.status() == IncidentStatus.ACKNOWLEDGED && action == LinkAction.ACKNOWLEDGE;
        if (moot) {
            model.put("heading", StatusWords.already(incident));
            model.put("message", "Nothing was changed.");
            model.put("actions", buttons(incident.isOpen() ? List.of(LinkAction.RESOLVE) : List.of(), action));
            return new ModelAndView("ack/page", model, HttpStatus.CONFLICT);
        }
        try {
            commands.issue(incident.id(), action.command(), link.contact(), Channel.EMAIL, link.token().id());
        } catch (Commands.CommandNotSent e) {
            log.warn("email link {} on incident={} by user={} not handed to Kafka: {}", action, incident.id(),
                    link.contact().userId(), e.getMessage());
            model.put("heading", "Not done yet: please try again");
            model.put("message", "Tocsin could not take your answer just now. Press the button again in a moment.");
            model.put("actions", buttons(List.of(action), action));
            return new ModelAndView("ack/page", model, HttpStatus.SERVICE_UNAVAILABLE);
        }
        log.info("email link {} on incident={} by user={}", action, incident.id(), link.contact().userId());
        model.put("heading", action.done() + " " + incident.label() + " " + summaryOf(incident) + " by you");
        model.put("message", "Everyone paged for it sees it as soon as Tocsin has applied it.");
        model.put("done", true);
        // the state known here is from before the command: routing has yet to apply it
        model.put("state", null);
        model.put("actions", buttons(action == LinkAction.ACKNOWLEDGE ? List.of(LinkAction.RESOLVE) : List.of(),
                LinkAction.RESOLVE));
        return new ModelAndView("ack/page", model, HttpStatus.OK);
    }

    /**
     * Hands a link that may act to {@code page}, or answers with the page saying what is wrong and what to do instead.
     */
    private ModelAndView withLink(String token, Function<Acting, ModelAndView> page) {
        return switch (links.check(token, "the email")) {
            case Acting acting -> page.apply(acting);
            case Refused refused -> problem(refused.status(), refused.title(), refused.message());
        };
    }

    private Map<String, Object> model(Acting link) {
        KnownIncident incident = link.incident();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("label", incident.label());
        model.put("summary", incident.summary());
        model.put("service", incident.serviceName());
        model.put("severity", incident.severity());
        model.put("state", StatusWords.line(incident));
        model.put("who", link.contact().userName());
        model.put("actions", List.of());
        model.put("done", false);
        return model;
    }

    private static List<LinkAction> available(IncidentStatus status) {
        return status == IncidentStatus.ACKNOWLEDGED
                ? List.of(LinkAction.RESOLVE)
                : List.of(LinkAction.ACKNOWLEDGE, LinkAction.RESOLVE);
    }

    /** The page's buttons, the link's own action first and highlighted: it is the one the reader clicked for. */
    private static List<Button> buttons(List<LinkAction> actions, LinkAction primary) {
        return actions.stream()
                .sorted(Comparator.comparing(action -> action != primary))
                .map(action -> new Button(action.field(), action.label(), action == primary))
                .toList();
    }

    private static String summaryOf(KnownIncident incident) {
        return incident.summary() == null ? "" : incident.summary();
    }

    private static ModelAndView problem(HttpStatus status, String heading, String message) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("heading", heading);
        model.put("message", message);
        model.put("actions", List.of());
        model.put("done", false);
        return new ModelAndView("ack/page", model, status);
    }

    /**
     * The token is in the address: no Referer may carry it to another site, no cache may keep the page, no other
     * site may frame the button.
     */
    private static void guard(HttpServletResponse response) {
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Content-Security-Policy",
                "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'");
        response.setHeader("X-Robots-Tag", "noindex, nofollow");
    }

    /** A button of the page's form: it posts {@code action=<value>}. */
    record Button(String value, String label, boolean primary) {
    }
}
