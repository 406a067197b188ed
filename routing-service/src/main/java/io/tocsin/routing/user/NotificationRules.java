package io.tocsin.routing.user;

import io.tocsin.contracts.Urgency;
import io.tocsin.routing.api.Conflict;
import io.tocsin.routing.api.InvalidRequest;
import io.tocsin.routing.api.NotFound;
import io.tocsin.routing.audit.AuditLog;
import io.tocsin.routing.audit.AuditLog.Action;
import io.tocsin.routing.audit.AuditLog.ResourceType;
import java.time.Duration;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A person's notification rules added, changed and deleted: checked and audited alike from the API and the console. */
@Service
public class NotificationRules {

    private final Users users;
    private final AuditLog audit;

    NotificationRules(Users users, AuditLog audit) {
        this.users = users;
        this.audit = audit;
    }

    /** "Page this contact method {@code delay} after the user is targeted, for incidents of this urgency." */
    @Transactional
    public NotificationRule add(UUID userId, UUID contactMethodId, Urgency urgency, Duration delay) {
        ContactMethod method = checked(userId, contactMethodId, urgency, delay, null);
        NotificationRule rule = users.addRule(method, urgency, delay);
        audit.record(ResourceType.NOTIFICATION_RULE, rule.id(), Action.CREATE, null, rule);
        return rule;
    }

    /** The rule made to page another contact method, or at another urgency or delay. */
    @Transactional
    public NotificationRule change(UUID userId, UUID ruleId, UUID contactMethodId, Urgency urgency, Duration delay) {
        NotificationRule before = rule(userId, ruleId);
        ContactMethod method = checked(userId, contactMethodId, urgency, delay, ruleId);
        NotificationRule after = new NotificationRule(ruleId, method, urgency, delay);
        users.updateRule(after);
        audit.record(ResourceType.NOTIFICATION_RULE, ruleId, Action.UPDATE, before, after);
        return after;
    }

    @Transactional
    public void delete(UUID userId, UUID ruleId) {
        NotificationRule rule = rule(userId, ruleId);
        users.deleteRule(userId, ruleId);
        audit.record(ResourceType.NOTIFICATION_RULE, ruleId, Action.DELETE, rule, null);
    }

    private NotificationRule rule(UUID userId, UUID ruleId) {
        return users.rules(userId, null).stream().filter(r -> r.id().equals(ruleId)).findFirst()
                .orElseThrow(() -> new NotFound("User " + userId + " has no notification rule " + ruleId));
    }

    /** The user's contact method the rule would page, if the rule may be stored (it is not another's duplicate). */
    private ContactMethod checked(UUID userId, UUID contactMethodId, Urgency urgency, Duration delay, UUID ruleId) {
        User user = users.find(userId).orElseThrow(() -> new NotFound("No user has id " + userId));
        ContactMethod method = users.contactMethod(contactMethodId)
                .filter(m -> m.userId().equals(userId))
                .orElseThrow(() -> new InvalidRequest("'contactMethodId': user " + userId + " has no contact method "
                        + contactMethodId));
        if (delay.isNegative()) {
            throw new InvalidRequest("'delay' must be PT0S (at once) or later, not " + delay);
        }
        if (users.hasRule(method, urgency, delay, ruleId)) {
            throw new Conflict(user.name() + " already has a rule paging " + method.channel() + " " + method.address()
                    + " (contact method " + method.id() + ") for " + urgency + " incidents after " + delay
                    + ": a second one would page them twice; change or delete that rule instead.");
        }
        return method;
    }
}
