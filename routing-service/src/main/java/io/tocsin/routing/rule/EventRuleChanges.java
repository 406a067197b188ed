package io.tocsin.routing.rule;

import io.tocsin.routing.api.ETags;
import io.tocsin.routing.api.InvalidRequest;
import io.tocsin.routing.api.NotFound;
import io.tocsin.routing.audit.AuditLog;
import io.tocsin.routing.audit.AuditLog.Action;
import io.tocsin.routing.audit.AuditLog.ResourceType;
import io.tocsin.routing.service.Integration;
import io.tocsin.routing.service.Integrations;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reading and replacing an integration's event rules, checked (every expression compiled, every {@code routeTo} an
 * existing service), conditional on their ETag and audited alike from the API and the console.
 */
@Component
public class EventRuleChanges {

    private final EventRules rules;
    private final Integrations integrations;
    private final AuditLog audit;
    private final ETags etags;

    EventRuleChanges(EventRules rules, Integrations integrations, AuditLog audit, ETags etags) {
        this.rules = rules;
        this.integrations = integrations;
        this.audit = audit;
        this.etags = etags;
    }

    /** The integration of the service, or the 404 the API and the console answer. */
    public Integration integration(UUID serviceId, UUID integrationId) {
        return integrations.find(serviceId, integrationId).orElseThrow(() -> noIntegration(serviceId, integrationId));
    }

    /** The integration's rules in the order they apply. */
    public List<EventRule> rules(UUID serviceId, UUID integrationId) {
        integration(serviceId, integrationId);
        return rules.find(integrationId);
    }

    /**
     * Replaces the integration's rules if their ETag is still {@code ifMatch} (null: unconditionally): a rule that
     * does not compile or routes to no service is refused, naming the rule, and nothing is stored.
     */
    @Transactional
    public List<EventRule> replace(UUID serviceId, UUID integrationId, String ifMatch, List<EventRule> replacement) {
        List<EventRule> before = etags.current("event rules of integration", integrationId, ifMatch,
                () -> integrations.find(serviceId, integrationId).map(found -> rules.find(integrationId)))
                .orElseThrow(() -> noIntegration(serviceId, integrationId));
        CompiledRules compiled = CompiledRules.compile(replacement);
        for (int i = 0; i < replacement.size(); i++) {
            UUID routeTo = replacement.get(i).then().routeTo();
            if (routeTo != null && !rules.serviceExists(routeTo)) {
                throw new InvalidRequest("rule " + (i + 1) + ": 'then.routeTo': no service has id " + routeTo);
            }
        }
        List<EventRule> after = rules.replace(integrationId, compiled);
        audit.record(ResourceType.EVENT_RULES, integrationId, Action.UPDATE, before, after);
        return after;
    }

    private static NotFound noIntegration(UUID serviceId, UUID integrationId) {
        return new NotFound("Service " + serviceId + " has no integration " + integrationId);
    }
}
