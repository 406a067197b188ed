package io.tocsin.routing.console;

import io.tocsin.contracts.Channel;
import io.tocsin.routing.api.Caller;
import io.tocsin.routing.api.InvalidRequest;
import io.tocsin.routing.api.Role;
import io.tocsin.routing.user.ContactMethod;
import io.tocsin.routing.user.ContactMethodChanges;
import io.tocsin.routing.user.MessageRefused;
import io.tocsin.routing.user.PersonalMessage;
import io.tocsin.routing.user.Users;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The contact methods section of a person's own page ({@code /ui/me}): add, change and delete their phone numbers
 * and email addresses, Slack member IDs and ntfy topics (with an access token, never shown again), verify a new number
 * or address with the code sent to it, send themselves a test page on any of them, and see what was sent
 * with the provider's delivery status. Each form posts here, goes through what the admin API does for the person, and
 * comes back to {@code /ui/me} saying what happened.
 */
@Controller
@RequestMapping("/ui/me/contact-methods")
class MyContactMethodsPages {

    static final String BACK = "redirect:/ui/me#contact-methods";

    private final ContactMethodChanges changes;

    MyContactMethodsPages(ContactMethodChanges changes) {
        this.changes = changes;
    }

    @PostMapping
    String add(@RequestAttribute(Caller.ATTRIBUTE) Caller caller, @RequestParam(required = false) Channel channel,
            @RequestParam(defaultValue = "") String address, @RequestParam(defaultValue = "") String token,
            RedirectAttributes said) {
        return act(caller, said, () -> {
            if (channel == null || address.isBlank()) {
                throw new InvalidRequest("Pick a channel and give an address.");
            }
            ContactMethod method = changes.add(caller.userId(), channel, address, false, token);
            return method.verified() ? "Added." : "Added. Send yourself a code to verify it: it is not paged before.";
        });
    }

    @PostMapping("/{id}")
    String change(@RequestAttribute(Caller.ATTRIBUTE) Caller caller, @PathVariable UUID id,
            @RequestParam Channel channel, @RequestParam(defaultValue = "") String address, RedirectAttributes said) {
        return act(caller, said, () -> {
            ContactMethod method = changes.change(caller.userId(), id, channel, address, false);
            return method.verified() ? "Changed." : "Changed. Verify the new address with a code: it is not paged"
                    + " before.";
        });
    }

    @PostMapping("/{id}/delete")
    String delete(@RequestAttribute(Caller.ATTRIBUTE) Caller caller, @PathVariable UUID id, RedirectAttributes said) {
        return act(caller, said, () -> {
            changes.delete(caller.userId(), id);
            return "Deleted, with the notification rules that used it.";
        });
    }

    @PostMapping("/{id}/code")
    String sendCode(@RequestAttribute(Caller.ATTRIBUTE) Caller caller, @PathVariable UUID id, RedirectAttributes said) {
        return act(caller, said, () -> {
            changes.sendCode(caller.userId(), id);
            return "A 6-digit code is on its way; enter it within 15 minutes.";
        });
    }

    @PostMapping("/{id}/verify")
    String verify(@RequestAttribute(Caller.ATTRIBUTE) Caller caller, @PathVariable UUID id,
            @RequestParam(defaultValue = "") String code, RedirectAttributes said) {
        return act(caller, said, () -> {
            changes.verify(caller.userId(), id, code);
            return "Verified: pages go there now.";
        });
    }

    @PostMapping("/{id}/test")
    String test(@RequestAttribute(Caller.ATTRIBUTE) Caller caller, @PathVariable UUID id, RedirectAttributes said) {
        return act(caller, said, () -> {
            changes.test(caller.userId(), id);
            return "A test page is on its way; its delivery shows below.";
        });
    }

    /** Does it as the person, and says on their page how it went; a refusal is said there too, not on a page of its own. */
    private static String act(Caller caller, RedirectAttributes said, Supplier<String> action) {
        if (caller.role() == Role.READ_ONLY) {
            said.addFlashAttribute("contactProblem", "Your account has role READ_ONLY: ask an admin to change your"
                    + " contact methods.");
            return BACK;
        }
        try {
            said.addFlashAttribute("contactNotice", action.get());
        } catch (MessageRefused refused) {
            said.addFlashAttribute("contactProblem", refused.getBody().getDetail());
        } catch (InvalidRequest invalid) {
            said.addFlashAttribute("contactProblem", invalid.getMessage());
        }
        return BACK;
    }

    /**
     * What the section shows on {@code /ui/me}: the person's contact methods and what was sent to them, also when a
     * refused notification rule draws the page again ({@link MyPagingPages}).
     */
    @ControllerAdvice(assignableTypes = {MePages.class, MyPagingPages.class})
    static class Section {

        private final Users users;
        private final ContactMethodChanges changes;

        Section(Users users, ContactMethodChanges changes) {
            this.users = users;
            this.changes = changes;
        }

        @ModelAttribute("contactMethods")
        List<ContactMethod> contactMethods(@RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
            return caller.userId() == null ? List.of() : users.contactMethods(caller.userId());
        }

        @ModelAttribute("sentToMe")
        List<PersonalMessage> sentToMe(@RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
            return caller.userId() == null ? List.of() : changes.messages(caller.userId(), null);
        }
    }
}
