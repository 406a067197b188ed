package io.tocsin.routing.service;

import io.tocsin.routing.api.ETags;
import io.tocsin.routing.api.InvalidRequest;
import io.tocsin.routing.api.NotFound;
import io.tocsin.routing.audit.AuditLog;
import io.tocsin.routing.audit.AuditLog.Action;
import io.tocsin.routing.audit.AuditLog.ResourceType;
import io.tocsin.routing.policy.EscalationPolicies;
import io.tocsin.routing.team.Teams;
import java.time.Duration;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Creating and replacing services, checked, conditional on their ETag and audited alike from the API and console. */
@Component
public class ServiceChanges {

    private static final Duration SHORTEST_TIMEOUT = Duration.ofSeconds(1);

    private final Services services;
    private final EscalationPolicies policies;
    private final Teams teams;
    private final AuditLog audit;
    private final ETags etags;

    ServiceChanges(Services services, EscalationPolicies policies, Teams teams, AuditLog audit, ETags etags) {
        this.services = services;
        this.policies = policies;
        this.teams = teams;
        this.audit = audit;
        this.etags = etags;
    }

    /** Creates the service the (validated) spec describes. */
    @Transactional
    public Service create(ServiceSpec spec) {
        Service service = services.create(checked(spec));
        audit.record(ResourceType.SERVICE, service.id(), Action.CREATE, null, service);
        return service;
    }

    /** Replaces the service by the (validated) spec if its ETag is still {@code ifMatch} (null: unconditionally). */
    @Transactional
    public Service replace(UUID id, String ifMatch, ServiceSpec spec) {
        Service before = etags.current("service", id, ifMatch, () -> services.find(id))
                .orElseThrow(() -> notFound(id));
        Service after = services.update(id, checked(spec)).orElseThrow();
        audit.record(ResourceType.SERVICE, id, Action.UPDATE, before, after);
        return after;
    }

    /** What the API and the console answer for a service that is not there. */
    public static NotFound notFound(UUID id) {
        return new NotFound("No service has id " + id);
    }

    private ServiceSpec checked(ServiceSpec spec) {
        if (spec.escalationPolicyId() != null && policies.find(spec.escalationPolicyId()).isEmpty()) {
            throw new InvalidRequest("'escalationPolicyId': no escalation policy has id " + spec.escalationPolicyId());
        }
        teams.checked(spec.teamId());
        positive("ackTimeout", spec.ackTimeout());
        positive("autoResolveTimeout", spec.autoResolveTimeout());
        spec.alertGrouping().problem().ifPresent(problem -> {
            throw new InvalidRequest(problem);
        });
        if (spec.stormGuard() != null) {
            spec.stormGuard().problem().ifPresent(problem -> {
                throw new InvalidRequest(problem);
            });
        }
        return spec;
    }

    private static void positive(String field, Duration value) {
        if (value != null && value.compareTo(SHORTEST_TIMEOUT) < 0) {
            throw new InvalidRequest("'" + field + "' must be at least PT1S, or left out to turn it off");
        }
    }
}
