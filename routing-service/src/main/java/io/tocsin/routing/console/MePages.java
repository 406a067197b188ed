package io.tocsin.routing.console;

import io.tocsin.routing.api.Caller;
import io.tocsin.routing.api.Role;
import io.tocsin.routing.auth.Passwords;
import io.tocsin.routing.auth.PersonalTokens;
import io.tocsin.routing.schedule.Schedules;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** A person's own page: their shifts in the coming weeks, their password, their own API tokens. */
@Controller
@RequestMapping("/ui/me")
class MePages {

    /** How far ahead the page lists a person's shifts. */
    static final Duration AHEAD = Duration.ofDays(28);

    /** One of the person's shifts, in a schedule. */
    record MyShift(UUID scheduleId, String scheduleName, Instant start, Instant end) {
    }

    private final Passwords passwords;
    private final PersonalTokens tokens;
    private final Schedules schedules;
    private final Clock clock;

    MePages(Passwords passwords, PersonalTokens tokens, Schedules schedules, Clock clock) {
        this.passwords = passwords;
        this.tokens = tokens;
        this.schedules = schedules;
        this.clock = clock;
    }

    @GetMapping
    String me(@RequestAttribute(Caller.ATTRIBUTE) Caller caller, Model model) {
        model.addAttribute("tokens", tokens.of(caller));
        model.addAttribute("shifts", shifts(caller.userId()));
        return "console/me";
    }

    /** The person's shifts from now on, in every schedule, soonest first. */
    private List<MyShift> shifts(UUID userId) {
        Instant now = clock.instant();
        return schedules.all(now).stream()
                .flatMap(schedule -> schedule.shifts(now, now.plus(AHEAD)).stream()
                        .filter(shift -> shift.userId().equals(userId) && shift.end().isAfter(now))
                        .map(shift -> new MyShift(schedule.id(), schedule.name(), shift.start(), shift.end())))
                .sorted(Comparator.comparing(MyShift::start))
                .toList();
    }

    /** Issues a token and shows its secret on the page, once. */
    @PostMapping("/tokens")
    String issueToken(@RequestAttribute(Caller.ATTRIBUTE) Caller caller, @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "READ_ONLY") Role role, Model model) {
        model.addAttribute("issued", tokens.issue(caller, name, role));
        return me(caller, model);
    }

    @PostMapping("/tokens/{id}/revoke")
    String revokeToken(@RequestAttribute(Caller.ATTRIBUTE) Caller caller, @PathVariable UUID id) {
        tokens.revoke(caller, id);
        return "redirect:/ui/me";
    }

    /** Changes the password; a wrong current one or a too short new one is a 400 page saying so (ConsoleModel). */
    @PostMapping("/password")
    String changePassword(@RequestAttribute(Caller.ATTRIBUTE) Caller caller,
            @RequestParam(defaultValue = "") String current, @RequestParam(defaultValue = "") String password,
            Model model) {
        passwords.change(caller.userId(), current, password);
        model.addAttribute("changed", true);
        return me(caller, model);
    }
}
