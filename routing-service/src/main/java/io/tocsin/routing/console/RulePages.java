package io.tocsin.routing.console;

import io.tocsin.routing.api.Caller;
import io.tocsin.routing.api.ETags;
import io.tocsin.routing.api.InvalidRequest;
import io.tocsin.routing.api.PreconditionFailed;
import io.tocsin.routing.api.Role;
import io.tocsin.routing.rule.EventRule;
import io.tocsin.routing.rule.EventRuleChanges;
import io.tocsin.routing.service.Service;
import io.tocsin.routing.service.ServiceChanges;
import io.tocsin.routing.service.Services;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * An integration's event rules in the console: shown in the order they apply, and, for admins, edited as the JSON
 * list {@code PUT /api/v1/services/{sid}/integrations/{iid}/rules} takes, saved by the same code and refused alike.
 */
@Controller
@RequestMapping("/ui/services/{serviceId}/integrations/{integrationId}/rules")
class RulePages {

    private static final TypeReference<List<EventRule>> RULES = new TypeReference<>() {
    };

    private final EventRuleChanges changes;
    private final Services services;
    private final ETags etags;
    private final JsonMapper json;

    RulePages(EventRuleChanges changes, Services services, ETags etags, JsonMapper json) {
        this.changes = changes;
        this.services = services;
        this.etags = etags;
        this.json = json;
    }

    @GetMapping
    String rules(@PathVariable UUID serviceId, @PathVariable UUID integrationId,
            @RequestAttribute(Caller.ATTRIBUTE) Caller caller, Model model) {
        List<EventRule> rules = changes.rules(serviceId, integrationId);
        return page(serviceId, integrationId, rules, json.writerWithDefaultPrettyPrinter().writeValueAsString(rules),
                caller, model);
    }

    /** Replaces the rules and shows them; refused ones are shown above the form as typed, nothing stored. */
    @PostMapping
    String replace(@PathVariable UUID serviceId, @PathVariable UUID integrationId, @RequestParam String etag,
            @RequestParam String rules, @RequestAttribute(Caller.ATTRIBUTE) Caller caller, Model model,
            HttpServletResponse response) {
        try {
            changes.replace(serviceId, integrationId, etag, parsed(rules));
        } catch (InvalidRequest e) {
            return refused(HttpStatus.BAD_REQUEST, e, serviceId, integrationId, rules, caller, model, response);
        } catch (PreconditionFailed e) {
            return refused(HttpStatus.PRECONDITION_FAILED, e, serviceId, integrationId, rules, caller, model,
                    response);
        }
        return "redirect:/ui/services/" + serviceId + "/integrations/" + integrationId + "/rules";
    }

    private List<EventRule> parsed(String rules) {
        try {
            List<EventRule> parsed = json.readValue(rules.isBlank() ? "[]" : rules, RULES);
            if (parsed == null || parsed.contains(null)) {
                throw new InvalidRequest("The rules must be a JSON list of rules, [] for none");
            }
            return parsed;
        } catch (JacksonException e) {
            throw new InvalidRequest("The rules are not a JSON list of rules: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr()));
        }
    }

    private String refused(HttpStatus status, RuntimeException e, UUID serviceId, UUID integrationId, String typed,
            Caller caller, Model model, HttpServletResponse response) {
        response.setStatus(status.value());
        model.addAttribute("rulesError", e.getMessage());
        return page(serviceId, integrationId, changes.rules(serviceId, integrationId), typed, caller, model);
    }

    private String page(UUID serviceId, UUID integrationId, List<EventRule> rules, String editing, Caller caller,
            Model model) {
        Service service = services.find(serviceId).orElseThrow(() -> ServiceChanges.notFound(serviceId));
        model.addAttribute("service", service);
        model.addAttribute("integration", changes.integration(serviceId, integrationId));
        model.addAttribute("rules", rules);
        model.addAttribute("serviceNames", services.list(null).stream()
                .collect(Collectors.toMap(Service::id, Service::name)));
        model.addAttribute("editing", editing);
        model.addAttribute("etag", etags.of(rules));
        // only admins may change rules (Access refuses anyone else's form as it refuses their PUT)
        model.addAttribute("mayEdit", caller.role() == Role.ADMIN);
        return "console/rules";
    }
}
