package io.tocsin.routing.user;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.tocsin.contracts.NotificationRequested.Purpose;
import io.tocsin.routing.api.InvalidRequest;
import io.tocsin.routing.api.NotFound;
import io.tocsin.routing.audit.AuditLog;
import io.tocsin.routing.audit.AuditLog.Action;
import io.tocsin.routing.audit.AuditLog.ResourceType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A person's own contact methods over REST, beyond adding and removing them: verifying a new address with a code,
 * sending a test page, and the history of what was sent to them with the provider's delivery status.
 */
@RestController
@RequestMapping("/api/v1/users/{id}")
class ContactMethodController {

    private final Users users;
    private final ContactVerification verification;
    private final PersonalMessages messages;
    private final AuditLog audit;

    ContactMethodController(Users users, ContactVerification verification, PersonalMessages messages, AuditLog audit) {
        this.users = users;
        this.verification = verification;
        this.messages = messages;
        this.audit = audit;
    }

    /** The body of POST …/verify. */
    record CodeSpec(@Schema(example = "123456") @NotBlank @Size(max = 20) String code) {
    }

    /** What was sent to a person, newest first. */
    record MessageList(List<PersonalMessage> messages) {
    }

    /** A message on its way: its id, to follow in {@code GET /api/v1/users/{id}/messages}. */
    record Queued(UUID messageId) {
    }

    @Operation(operationId = "sendVerificationCode", summary = "Send (again) a 6-digit code to an unverified contact"
            + " method; at most one a minute and five an hour per contact method")
    @PostMapping("/contact-methods/{methodId}/verification-code")
    @Transactional
    ResponseEntity<Void> sendCode(@PathVariable UUID id, @PathVariable UUID methodId) {
        verification.sendCode(user(id), method(id, methodId));
        return ResponseEntity.accepted().build();
    }

    @Operation(operationId = "verifyContactMethod", summary = "Enter the code sent to the contact method: it is paged"
            + " from then on (400 wrong code, 410 expired, 429 too many tries)")
    @PostMapping("/contact-methods/{methodId}/verify")
    @Transactional(noRollbackFor = MessageRefused.class)
    ContactMethod verify(@PathVariable UUID id, @PathVariable UUID methodId, @Valid @RequestBody CodeSpec spec) {
        ContactMethod before = method(id, methodId);
        ContactMethod after = verification.verify(before, spec.code());
        if (!before.verified()) {
            audit.record(ResourceType.CONTACT_METHOD, methodId, Action.UPDATE, before, after);
        }
        return after;
    }

    @Operation(operationId = "sendTestPage", summary = "Send a test page to the contact method (verified or not);"
            + " at most one a minute and five an hour per contact method")
    @PostMapping("/contact-methods/{methodId}/test")
    @Transactional
    ResponseEntity<Queued> test(@PathVariable UUID id, @PathVariable UUID methodId) {
        ContactMethod method = method(id, methodId);
        if (!ContactMethod.needsVerification(method.channel())) {
            throw new InvalidRequest("Test pages go to SMS, VOICE and EMAIL contact methods; this one is "
                    + method.channel());
        }
        return ResponseEntity.accepted().body(new Queued(messages.send(user(id), method, Purpose.TEST, null)));
    }

    @Operation(operationId = "listMessages", summary = "The codes, test pages and invitations sent to a user, newest"
            + " first, with what the provider reported (optionally of one contact method)")
    @GetMapping("/messages")
    MessageList messages(@PathVariable UUID id, @RequestParam(required = false) UUID contactMethodId) {
        user(id);
        return new MessageList(messages.of(id, contactMethodId));
    }

    private User user(UUID id) {
        return users.find(id).orElseThrow(() -> new NotFound("No user has id " + id));
    }

    private ContactMethod method(UUID userId, UUID methodId) {
        return users.contactMethod(methodId).filter(m -> m.userId().equals(userId))
                .orElseThrow(() -> new NotFound("User " + userId + " has no contact method " + methodId));
    }
}
