package io.tocsin.routing.user;

import io.tocsin.contracts.Channel;
import io.tocsin.contracts.Urgency;
import io.swagger.v3.oas.annotations.media.Schema;
import io.tocsin.routing.api.Conflict;
import io.tocsin.routing.api.InvalidRequest;
import io.tocsin.routing.api.NotFound;
import io.tocsin.routing.escalation.EscalationPolicies;
import io.tocsin.routing.escalation.EscalationPolicy.TargetType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Users over REST, with how to reach them (contact methods) and when (notification rules). */
@RestController
@RequestMapping("/api/v1/users")
class UserController {

    private final Users users;
    private final EscalationPolicies policies;
    private final ContactAddresses addresses;

    UserController(Users users, EscalationPolicies policies, ContactAddresses addresses) {
        this.users = users;
        this.policies = policies;
        this.addresses = addresses;
    }

    record UserSpec(@NotBlank @Size(max = 200) String name, @Email @Size(max = 320) String email) {
    }

    record UserList(List<User> users) {
    }

    record ContactMethodSpec(
            @NotNull Channel channel,
            @Schema(description = "SMS, VOICE: a phone number with its country code (+44 20 7946 0958) or a national"
                    + " number of the default region (TOCSIN_PHONE_DEFAULT_REGION), stored in E.164; EMAIL: an email"
                    + " address; SLACK: a Slack member ID (U024BE7LH); WEBHOOK: " + ContactAddresses.WEBHOOK_FORM
                    + "; CONSOLE: any label")
            @NotBlank @Size(max = 2000) String address) {
    }

    record ContactMethodList(List<ContactMethod> contactMethods) {
    }

    /** "Page {@code contactMethodId} {@code delay} after I am targeted, for {@code urgency} incidents." */
    record RuleSpec(@NotNull UUID contactMethodId, Urgency urgency, @NotNull Duration delay) {
    }

    record RuleList(List<NotificationRule> notificationRules) {
    }

    @GetMapping
    UserList list() {
        return new UserList(users.list());
    }

    @GetMapping("/{id}")
    User get(@PathVariable UUID id) {
        return user(id);
    }

    @PostMapping
    ResponseEntity<User> create(@Valid @RequestBody UserSpec spec) {
        User user = users.create(spec.name(), spec.email());
        return ResponseEntity.created(URI.create("/api/v1/users/" + user.id())).body(user);
    }

    @DeleteMapping("/{id}")
    @Transactional
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        user(id);
        if (policies.isTarget(TargetType.USER, id.toString())) {
            throw new Conflict("User " + id + " is a target of an escalation policy: take them out of it first,"
                    + " so that no level is left paging nobody.");
        }
        users.delete(id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/contact-methods")
    ResponseEntity<ContactMethod> addContactMethod(@PathVariable UUID id, @Valid @RequestBody ContactMethodSpec spec) {
        user(id);
        ContactMethod method = users.addContactMethod(id, spec.channel(),
                addresses.normalized(spec.channel(), spec.address()));
        return ResponseEntity.created(URI.create("/api/v1/users/" + id + "/contact-methods/" + method.id()))
                .body(method);
    }

    @GetMapping("/{id}/contact-methods")
    ContactMethodList contactMethods(@PathVariable UUID id) {
        user(id);
        return new ContactMethodList(users.contactMethods(id));
    }

    @DeleteMapping("/{id}/contact-methods/{methodId}")
    ResponseEntity<Void> deleteContactMethod(@PathVariable UUID id, @PathVariable UUID methodId) {
        if (!users.deleteContactMethod(id, methodId)) {
            throw new NotFound("User " + id + " has no contact method " + methodId);
        }
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/notification-rules")
    ResponseEntity<NotificationRule> addRule(@PathVariable UUID id, @Valid @RequestBody RuleSpec spec) {
        user(id);
        ContactMethod method = users.contactMethod(spec.contactMethodId())
                .filter(m -> m.userId().equals(id))
                .orElseThrow(() -> new InvalidRequest("'contactMethodId': user " + id + " has no contact method "
                        + spec.contactMethodId()));
        if (spec.delay().isNegative()) {
            throw new InvalidRequest("'delay' must be PT0S (at once) or later, not " + spec.delay());
        }
        NotificationRule rule = users.addRule(method, spec.urgency() == null ? Urgency.HIGH : spec.urgency(),
                spec.delay());
        return ResponseEntity.created(URI.create("/api/v1/users/" + id + "/notification-rules/" + rule.id()))
                .body(rule);
    }

    @GetMapping("/{id}/notification-rules")
    RuleList rules(@PathVariable UUID id) {
        user(id);
        return new RuleList(users.rules(id, null));
    }

    @DeleteMapping("/{id}/notification-rules/{ruleId}")
    ResponseEntity<Void> deleteRule(@PathVariable UUID id, @PathVariable UUID ruleId) {
        if (!users.deleteRule(id, ruleId)) {
            throw new NotFound("User " + id + " has no notification rule " + ruleId);
        }
        return ResponseEntity.noContent().build();
    }

    private User user(UUID id) {
        return users.find(id).orElseThrow(() -> new NotFound("No user has id " + id));
    }
}
