package io.tocsin.routing.console;

import io.tocsin.contracts.Urgency;
import io.tocsin.routing.api.ETags;
import io.tocsin.routing.api.InvalidRequest;
import io.tocsin.routing.api.PreconditionFailed;
import io.tocsin.routing.api.Caller;
import io.tocsin.routing.api.Role;
import io.tocsin.routing.policy.EscalationPolicies;
import io.tocsin.routing.policy.EscalationPolicy;
import io.tocsin.routing.service.Integrations;
import io.tocsin.routing.service.Service;
import io.tocsin.routing.service.ServiceChanges;
import io.tocsin.routing.service.ServiceSpec;
import io.tocsin.routing.service.Services;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Services in the console: the list, and a page per service whose form replaces it as
 * {@code PUT /api/v1/services/{id}} does, conditional on the ETag the page was rendered with.
 */
@Controller
@RequestMapping("/ui/services")
class ServicePages {

    private final Services services;
    private final Integrations integrations;
    private final ServiceChanges changes;
    private final EscalationPolicies policies;
    private final ETags etags;

    ServicePages(Services services, Integrations integrations, ServiceChanges changes, EscalationPolicies policies,
            ETags etags) {
        this.services = services;
        this.integrations = integrations;
        this.changes = changes;
        this.policies = policies;
        this.etags = etags;
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("services", services.list(null));
        model.addAttribute("policyNames", policies.list(null).stream()
                .collect(Collectors.toMap(EscalationPolicy::id, EscalationPolicy::name)));
        return "console/services";
    }

    @GetMapping("/{id}")
    String service(@PathVariable UUID id, @RequestAttribute(Caller.ATTRIBUTE) Caller caller,
            Model model) {
        Service service = services.find(id).orElseThrow(() -> ServiceChanges.notFound(id));
        model.addAttribute("service", service);
        model.addAttribute("etag", etags.of(service));
        model.addAttribute("policies", policies.list(null));
        model.addAttribute("policyName", Optional.ofNullable(service.escalationPolicyId()).flatMap(policies::find)
                .map(EscalationPolicy::name).orElse(null));
        model.addAttribute("urgencies", Urgency.values());
        model.addAttribute("integrations", integrations.list(id));
        // only admins may change a service (Access refuses anyone else's form as it refuses their PUT)
        model.addAttribute("mayEdit", caller.role() == Role.ADMIN);
        return "console/service";
    }

    /** Replaces the service and shows it; a refused change is shown above the form, nothing stored. */
    @PostMapping("/{id}")
    String replace(@PathVariable UUID id, @RequestParam String etag, @Valid ServiceSpec spec, BindingResult binding,
            @RequestAttribute(Caller.ATTRIBUTE) Caller caller, Model model,
            HttpServletResponse response) {
        try {
            if (binding.hasErrors()) {
                throw InvalidRequest.of(binding);
            }
            // the form edits what it shows; how alerts group is set through the API and kept here (the ETag
            // refuses the change if the service changed since this read)
            Service current = services.find(id).orElseThrow(() -> ServiceChanges.notFound(id));
            changes.replace(id, etag, new ServiceSpec(spec.name(), spec.escalationPolicyId(), spec.urgency(),
                    spec.ackTimeout(), spec.autoResolveTimeout(), spec.teamId(), current.alertGrouping(),
                    current.resolveWhen(), current.stormGuard()));
        } catch (InvalidRequest e) {
            return refused(HttpStatus.BAD_REQUEST, e, id, caller, model, response);
        } catch (PreconditionFailed e) {
            return refused(HttpStatus.PRECONDITION_FAILED, e, id, caller, model, response);
        }
        return "redirect:/ui/services/" + id;
    }

    private String refused(HttpStatus status, RuntimeException e, UUID id, Caller caller, Model model,
            HttpServletResponse response) {
        response.setStatus(status.value());
        model.addAttribute("serviceError", e.getMessage());
        return service(id, caller, model);
    }
}
