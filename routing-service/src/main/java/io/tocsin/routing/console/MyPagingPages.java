package io.tocsin.routing.console;

import io.tocsin.contracts.Urgency;
import io.tocsin.routing.api.Caller;
import io.tocsin.routing.api.Conflict;
import io.tocsin.routing.api.InvalidRequest;
import io.tocsin.routing.api.NotFound;
import io.tocsin.routing.schedule.CalendarFeeds;
import io.tocsin.routing.user.NotificationRules;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * A person's own paging on {@code /ui/me}: their calendar feed made, replaced or revoked, and their notification
 * rules added, changed and deleted, through the same code as the admin API. Acknowledging and resolving their
 * incidents goes through the incident pages' buttons.
 */
@Controller
@RequestMapping("/ui/me")
class MyPagingPages {

    /** A rule as the console's form has it: the delay in whole minutes. */
    record RuleForm(@NotNull(message = "is required: pick one of your contact methods") UUID contactMethodId,
            @NotNull(message = "is required (HIGH or LOW)") Urgency urgency,
            @NotNull(message = "is required: 0 pages at once") @PositiveOrZero(message = "must be 0 (at once) or more")
            Long delayMinutes) {

        Duration delay() {
            return Duration.ofMinutes(delayMinutes);
        }
    }

    private final MePages me;
    private final CalendarFeeds feeds;
    private final NotificationRules rules;

    MyPagingPages(MePages me, CalendarFeeds feeds, NotificationRules rules) {
        this.me = me;
        this.feeds = feeds;
        this.rules = rules;
    }

    /** A new link to the person's shifts, shown this once; any earlier link stops working. */
    @PostMapping("/feed")
    String makeFeed(@RequestAttribute(Caller.ATTRIBUTE) Caller caller, Model model) {
        model.addAttribute("feedUrl", feeds.make(CalendarFeeds.Feed.ofUser(caller.userId())));
        return me.me(caller, model);
    }

    @PostMapping("/feed/revoke")
    String revokeFeed(@RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        feeds.revoke(CalendarFeeds.Feed.ofUser(caller.userId()));
        return "redirect:/ui/me";
    }

    @PostMapping("/notification-rules")
    String addRule(@RequestAttribute(Caller.ATTRIBUTE) Caller caller, @Valid RuleForm form, BindingResult binding,
            Model model, HttpServletResponse response) {
        return ruleChange(caller, binding, model, response, () -> rules.add(caller.userId(), form.contactMethodId(),
                form.urgency(), form.delay()));
    }

    @PostMapping("/notification-rules/{id}")
    String changeRule(@RequestAttribute(Caller.ATTRIBUTE) Caller caller, @PathVariable UUID id, @Valid RuleForm form,
            BindingResult binding, Model model, HttpServletResponse response) {
        return ruleChange(caller, binding, model, response, () -> rules.change(caller.userId(), id,
                form.contactMethodId(), form.urgency(), form.delay()));
    }

    @PostMapping("/notification-rules/{id}/delete")
    String deleteRule(@RequestAttribute(Caller.ATTRIBUTE) Caller caller, @PathVariable UUID id, Model model,
            HttpServletResponse response) {
        return ruleChange(caller, null, model, response, () -> rules.delete(caller.userId(), id));
    }

    /**
     * Does the change and shows the page again; a refused change is shown above the rules with the API's reason and
     * status (400 invalid, 404 gone, 409 a duplicate), nothing stored.
     */
    private String ruleChange(Caller caller, BindingResult binding, Model model, HttpServletResponse response,
            Runnable change) {
        try {
            if (binding != null && binding.hasErrors()) {
                throw InvalidRequest.of(binding);
            }
            change.run();
        } catch (InvalidRequest e) {
            return refused(HttpStatus.BAD_REQUEST, e, caller, model, response);
        } catch (NotFound e) {
            return refused(HttpStatus.NOT_FOUND, e, caller, model, response);
        } catch (Conflict e) {
            return refused(HttpStatus.CONFLICT, e, caller, model, response);
        }
        return "redirect:/ui/me#notification-rules";
    }

    private String refused(HttpStatus status, RuntimeException e, Caller caller, Model model,
            HttpServletResponse response) {
        response.setStatus(status.value());
        model.addAttribute("ruleError", e.getMessage());
        return me.me(caller, model);
    }
}
