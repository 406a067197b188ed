package io.tocsin.routing.user;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.tocsin.contracts.Channel;
import io.tocsin.contracts.Urgency;
import io.tocsin.routing.api.Caller;
import io.tocsin.routing.api.Conflict;
import io.tocsin.routing.api.ETags;
import io.tocsin.routing.api.NotFound;
import io.tocsin.routing.api.InvalidRequest;
import io.tocsin.routing.api.Refusals;
import io.tocsin.routing.api.Role;
import io.tocsin.routing.audit.AuditLog.Action;
import io.tocsin.routing.audit.AuditLog.ResourceType;
import io.tocsin.routing.audit.AuditLog;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Users over REST, with how to reach them (contact methods) and when (notification rules). */
@RestController
@RequestMapping("/api/v1/users")
class UserController {

    private final Users users;
    private final ContactMethodChanges contactMethods;
    private final AuditLog audit;
    private final ETags etags;
    private final NotificationRules rules;

    UserController(Users users, ContactMethodChanges contactMethods, AuditLog audit, ETags etags,
            NotificationRules rules) {
        this.users = users;
        this.contactMethods = contactMethods;
        this.audit = audit;
        this.etags = etags;
        this.rules = rules;
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
                    + "; PUSH: " + ContactAddresses.PUSH_FORM + "; CONSOLE: any label")
            @NotBlank @Size(max = 2000) String address,
            @Schema(description = "admins only: the address is known to be the user's, so it is paged at once without"
                    + " a code; default false (SMS, VOICE and EMAIL methods are then verified with a code)")
            Boolean verified,
            @Schema(description = "PUSH only, optional: the ntfy access token of a protected topic (tk_...), sent as"
                    + " Authorization: Bearer. Stored encrypted and never shown again: the contact method shows"
                    + " tokenSet", writeOnly = true)
            @Size(max = ContactMethodChanges.MAX_TOKEN) String token) {

        boolean trusted() {
            return Boolean.TRUE.equals(verified);
        }

        @Override
        public String toString() {
            return "ContactMethodSpec[channel=" + channel + ", address=" + address + ", verified=" + verified
                    + ", token=" + (token == null ? "none" : "(hidden)") + "]";
        }
    }

    record ContactMethodList(List<ContactMethod> contactMethods) {
    }

    /** "Page {@code contactMethodId} {@code delay} after I am targeted, for {@code urgency} incidents." */
    record RuleSpec(@NotNull UUID contactMethodId,
            @Schema(description = "which incidents the rule is for; a person usually has rules for both")
            @NotNull(message = "is required (HIGH or LOW)") Urgency urgency,
            @Schema(description = "how long after being targeted, ISO-8601: PT0S at once, PT2M") @NotNull Duration delay) {
    }

    record RuleList(List<NotificationRule> notificationRules) {
    }

    @Operation(operationId = "listUsers", summary = "List users")
    @GetMapping
    UserList list() {
        return new UserList(users.list());
    }

    @Operation(operationId = "getUser", summary = "Get a user")
    @GetMapping("/{id}")
    ResponseEntity<User> get(@PathVariable UUID id) {
        User user = user(id);
        return ResponseEntity.ok().eTag(etags.of(user)).body(user);
    }

    @Operation(operationId = "createUser", summary = "Create a user")
    @PostMapping
    @Transactional
    ResponseEntity<User> create(@Valid @RequestBody UserSpec spec) {
        User user = users.create(spec.name(), spec.email());
        audit.record(ResourceType.USER, user.id(), Action.CREATE, null, user);
        return ResponseEntity.created(URI.create("/api/v1/users/" + user.id())).body(user);
    }

    @Operation(operationId = "replaceUser", summary = "Rename a user or change their email")
    @PutMapping("/{id}")
    @Transactional
    ResponseEntity<User> replace(@PathVariable UUID id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody UserSpec spec) {
        User before = etags.current("user", id, ifMatch, () -> users.find(id))
                .orElseThrow(() -> new NotFound("No user has id " + id));
        User after = users.update(id, spec.name(), spec.email()).orElseThrow();
        audit.record(ResourceType.USER, id, Action.UPDATE, before, after);
        return ResponseEntity.ok().eTag(etags.of(after)).body(after);
    }

    @Operation(operationId = "deleteUser", summary = "Delete a user no policy or schedule names")
    @DeleteMapping("/{id}")
    @Transactional
    ResponseEntity<Void> delete(@PathVariable UUID id, @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        User user = etags.current("user", id, ifMatch, () -> users.find(id))
                .orElseThrow(() -> new NotFound("No user has id " + id));
        List<String> policies = users.policiesPaging(id);
        if (!policies.isEmpty()) {
            throw new Conflict("User " + id + " is a target of escalation policy(ies) " + String.join(", ", policies)
                    + ": take them out of those first, so that no level is left paging nobody.");
        }
        List<String> schedules = users.schedulesNaming(id);
        if (!schedules.isEmpty()) {
            throw new Conflict("User " + id + " takes part in the rotations or the current or future overrides of"
                    + " schedule(s) " + String.join(", ", schedules) + ": take them out of those first (GET"
                    + " /api/v1/schedules/{id}/overrides lists the overrides), so that no shift is left with nobody"
                    + " on call.");
        }
        // a policy that came to name it since the check above is still refused by the database
        Refusals.refusedBy("escalation_target_user_fk", "User " + id + " is a target of an escalation policy: take"
                + " them out of it first, so that no level is left paging nobody.", () -> users.delete(id));
        audit.record(ResourceType.USER, id, Action.DELETE, user, null);
        return ResponseEntity.noContent().build();
    }

    @Operation(operationId = "createContactMethod", summary = "Add a contact method to a user")
    @PostMapping("/{id}/contact-methods")
    ResponseEntity<ContactMethod> addContactMethod(@PathVariable UUID id, @Valid @RequestBody ContactMethodSpec spec,
            @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        mayTrust(spec, caller);
        ContactMethod method = contactMethods.add(id, spec.channel(), spec.address(), spec.trusted(),
                spec.token());
        return ResponseEntity.created(URI.create("/api/v1/users/" + id + "/contact-methods/" + method.id()))
                .body(method);
    }

    @Operation(operationId = "replaceContactMethod", summary = "Change a contact method's address; a new phone number"
            + " or email address must be verified again")
    @PutMapping("/{id}/contact-methods/{methodId}")
    ContactMethod replaceContactMethod(@PathVariable UUID id, @PathVariable UUID methodId,
            @Valid @RequestBody ContactMethodSpec spec, @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        mayTrust(spec, caller);
        return contactMethods.change(id, methodId, spec.channel(), spec.address(), spec.trusted());
    }

    /** Only an admin may vouch that an address is the user's: anyone else verifies it with a code. */
    private static void mayTrust(ContactMethodSpec spec, Caller caller) {
        if (spec.trusted() && caller.role() != Role.ADMIN) {
            throw new InvalidRequest("'verified': only an admin may add a contact method as verified; leave it out"
                    + " and verify the address with the code sent to it (POST …/verification-code, then …/verify)");
        }
    }

    @Operation(operationId = "listContactMethods", summary = "List a user's contact methods")
    @GetMapping("/{id}/contact-methods")
    ContactMethodList contactMethods(@PathVariable UUID id) {
        user(id);
        return new ContactMethodList(users.contactMethods(id));
    }

    @Operation(operationId = "deleteContactMethod", summary = "Delete a contact method and the rules using it")
    @DeleteMapping("/{id}/contact-methods/{methodId}")
    ResponseEntity<Void> deleteContactMethod(@PathVariable UUID id, @PathVariable UUID methodId) {
        contactMethods.delete(id, methodId);
        return ResponseEntity.noContent().build();
    }

    @Operation(operationId = "createNotificationRule", summary = "Add a notification rule to a user")
    @PostMapping("/{id}/notification-rules")
    ResponseEntity<NotificationRule> addRule(@PathVariable UUID id, @Valid @RequestBody RuleSpec spec) {
        NotificationRule rule = rules.add(id, spec.contactMethodId(), spec.urgency(), spec.delay());
        return ResponseEntity.created(URI.create("/api/v1/users/" + id + "/notification-rules/" + rule.id()))
                .body(rule);
    }

    @Operation(operationId = "replaceNotificationRule", summary = "Change which contact method a rule pages, and when")
    @PutMapping("/{id}/notification-rules/{ruleId}")
    NotificationRule replaceRule(@PathVariable UUID id, @PathVariable UUID ruleId, @Valid @RequestBody RuleSpec spec) {
        return rules.change(id, ruleId, spec.contactMethodId(), spec.urgency(), spec.delay());
    }

    @Operation(operationId = "listNotificationRules", summary = "List a user's notification rules")
    @GetMapping("/{id}/notification-rules")
    RuleList rules(@PathVariable UUID id) {
        user(id);
        return new RuleList(users.rules(id, null));
    }

    @Operation(operationId = "deleteNotificationRule", summary = "Delete a notification rule")
    @DeleteMapping("/{id}/notification-rules/{ruleId}")
    ResponseEntity<Void> deleteRule(@PathVariable UUID id, @PathVariable UUID ruleId) {
        rules.delete(id, ruleId);
        return ResponseEntity.noContent().build();
    }

    private User user(UUID id) {
        return users.find(id).orElseThrow(() -> new NotFound("No user has id " + id));
    }
}
