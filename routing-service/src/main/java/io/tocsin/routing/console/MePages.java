package io.tocsin.routing.console;

import io.tocsin.routing.api.Caller;
import io.tocsin.routing.auth.Passwords;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** A person's own page: who they are signed in as, and their password. */
@Controller
@RequestMapping("/ui/me")
class MePages {

    private final Passwords passwords;

    MePages(Passwords passwords) {
        this.passwords = passwords;
    }

    @GetMapping
    String me(Model model) {
        return "console/me";
    }

    /** Changes the password; a wrong current one or a too short new one is a 400 page saying so (ConsoleModel). */
    @PostMapping("/password")
    String changePassword(@RequestAttribute(Caller.ATTRIBUTE) Caller caller,
            @RequestParam(defaultValue = "") String current, @RequestParam(defaultValue = "") String password,
            Model model) {
        passwords.change(caller.userId(), current, password);
        model.addAttribute("changed", true);
        return "console/me";
    }
}
