package io.tocsin.routing.console;

import io.tocsin.routing.api.InvalidRequest;
import io.tocsin.routing.api.Caller;
import io.tocsin.routing.statuspage.StatusUpdates;
import io.tocsin.routing.statuspage.StatusUpdates.UpdateSpec;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Status pages in the console: each page's state as its readers see it, and a form per page to post an update,
 * checked and stored as {@code POST /api/v1/status-pages/{id}/updates} does.
 */
@Controller
@RequestMapping("/ui/status-pages")
class StatusPagePages {

    private final StatusUpdates updates;

    StatusPagePages(StatusUpdates updates) {
        this.updates = updates;
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("views", updates.views());
        return "console/status-pages";
    }

    /** Posts, then shows the list again; a refused update is shown above that page's form, with the text kept. */
    @PostMapping("/{id}/updates")
    String post(@PathVariable UUID id, @Valid UpdateSpec spec, BindingResult binding,
            @RequestAttribute(Caller.ATTRIBUTE) Caller caller, Model model,
            HttpServletResponse response) {
        try {
            if (binding.hasErrors()) {
                throw InvalidRequest.of(binding);
            }
            updates.post(id, caller.actorName(), spec);
        } catch (InvalidRequest e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("failedPageId", id);
            model.addAttribute("updateError", e.getMessage());
            model.addAttribute("draft", spec.message());
            return list(model);
        }
        return "redirect:/ui/status-pages";
    }
}
