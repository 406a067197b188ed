package io.tocsin.routing.console;

import io.tocsin.contracts.IncidentStatus;
import io.tocsin.routing.api.Caller;
import io.tocsin.routing.incident.Actor;
import io.tocsin.routing.incident.Incident;
import io.tocsin.routing.incident.IncidentDetail;
import io.tocsin.routing.incident.IncidentFilter;
import io.tocsin.routing.incident.IncidentLifecycle;
import io.tocsin.routing.incident.IncidentLog;
import io.tocsin.routing.incident.IncidentNotFound;
import io.tocsin.routing.incident.Incidents;
import io.tocsin.routing.service.Service;
import io.tocsin.routing.service.Services;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Incidents in the console: a list that refreshes itself, and a page per incident whose buttons act through the
 * same {@link IncidentLifecycle} calls as the REST API, naming the signed-in person on the timeline.
 */
@Controller
@RequestMapping("/ui")
class IncidentPages {

    /** How the timeline says an action came from the console: "acknowledged by Alice via WEB_CONSOLE". */
    static final String VIA = "WEB_CONSOLE";
    private static final int LISTED = 100;

    /** Which incidents the list shows. */
    enum Shown {
        OPEN(EnumSet.of(IncidentStatus.TRIGGERED, IncidentStatus.ACKNOWLEDGED)),
        TRIGGERED(EnumSet.of(IncidentStatus.TRIGGERED)),
        ACKNOWLEDGED(EnumSet.of(IncidentStatus.ACKNOWLEDGED)),
        RESOLVED(EnumSet.of(IncidentStatus.RESOLVED)),
        ALL(EnumSet.noneOf(IncidentStatus.class));

        private final Set<IncidentStatus> statuses;

        Shown(Set<IncidentStatus> statuses) {
            this.statuses = statuses;
        }
    }

    private final Incidents incidents;
    private final IncidentLog incidentLog;
    private final IncidentLifecycle lifecycle;
    private final Services services;

    IncidentPages(Incidents incidents, IncidentLog incidentLog, IncidentLifecycle lifecycle, Services services) {
        this.incidents = incidents;
        this.incidentLog = incidentLog;
        this.lifecycle = lifecycle;
        this.services = services;
    }

    @GetMapping
    String home() {
        return "redirect:/ui/incidents";
    }

    @GetMapping("/incidents")
    String list(@RequestParam(defaultValue = "OPEN") Shown show, @RequestParam(required = false) UUID serviceId,
            Model model) {
        model.addAttribute("show", show);
        model.addAttribute("shownChoices", Shown.values());
        model.addAttribute("serviceId", serviceId);
        model.addAttribute("services", services.list(null));
        rows(show, serviceId, model);
        return "console/incidents";
    }

    /** The list's rows alone: the page polls this and swaps them in, so new incidents appear without a reload. */
    @GetMapping("/incidents/rows")
    String rows(@RequestParam(defaultValue = "OPEN") Shown show, @RequestParam(required = false) UUID serviceId,
            Model model) {
        model.addAttribute("incidents", incidents.list(
                new IncidentFilter(show.statuses, serviceId, null, null, null), LISTED));
        model.addAttribute("serviceNames", serviceNames());
        model.addAttribute("rowsUrl", UriComponentsBuilder.fromPath("/ui/incidents/rows")
                .queryParam("show", show)
                .queryParamIfPresent("serviceId", Optional.ofNullable(serviceId))
                .toUriString());
        return "console/incidents :: rows";
    }

    @GetMapping("/incidents/{id}")
    String incident(@PathVariable UUID id, Model model) {
        IncidentDetail detail = incidents.detail(id).orElseThrow(() -> new IncidentNotFound(id));
        model.addAttribute("incident", detail.incident());
        model.addAttribute("detail", detail);
        model.addAttribute("alerts", incidents.alerts(id));
        model.addAttribute("serviceName", serviceNames().get(detail.incident().serviceId()));
        timeline(id, model);
        return "console/incident";
    }

    /** The timeline alone, polled by the incident page: another responder's action shows up while it is open. */
    @GetMapping("/incidents/{id}/timeline")
    String timeline(@PathVariable UUID id, Model model) {
        model.addAttribute("incidentId", id);
        model.addAttribute("entries", incidentLog.entries(id));
        return "console/incident :: timeline";
    }

    @PostMapping("/incidents/{id}/acknowledge")
    String acknowledge(@PathVariable UUID id, @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        return shown(lifecycle.acknowledge(id, actor(caller)));
    }

    @PostMapping("/incidents/{id}/resolve")
    String resolve(@PathVariable UUID id, @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        return shown(lifecycle.resolve(id, actor(caller)));
    }

    @PostMapping("/incidents/{id}/escalate")
    String escalate(@PathVariable UUID id, @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        return shown(lifecycle.escalate(id, actor(caller)));
    }

    private static Actor actor(Caller caller) {
        return new Actor(caller.actorName(), VIA);
    }

    /** Post, then redirect, then get: a reload does not act twice. */
    private static String shown(Incident incident) {
        return "redirect:/ui/incidents/" + incident.id();
    }

    private Map<UUID, String> serviceNames() {
        return services.list(null).stream().collect(Collectors.toMap(Service::id, Service::name, (a, b) -> a));
    }
}
