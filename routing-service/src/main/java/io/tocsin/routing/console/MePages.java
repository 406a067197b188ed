package io.tocsin.routing.console;

import io.tocsin.routing.api.Caller;
import io.tocsin.routing.api.Role;
import io.tocsin.routing.auth.Passwords;
import io.tocsin.routing.auth.PersonalTokens;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** A person's own page: who they are signed in as, their password, their own API tokens. */
@Controller
@RequestMapping("/ui/me")
class MePages {

    private final Passwords passwords;
    private final PersonalTokens tokens;

    MePages(Passwords passwords, PersonalTokens tokens) {
        this.passwords = passwords;
        this.tokens = tokens;
    }

    @GetMapping
    String me(@RequestAttribute(Caller.ATTRIBUTE) Caller caller, Model model) {
        model.addAttribute("tokens", tokens.of(caller));
        return "console/me";
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
