package io.tocsin.routing.user;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
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

    private final ContactMethodChanges changes;

    ContactMethodController(ContactMethodChanges changes) {
        this.changes = changes;
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
    ResponseEntity<Void> sendCode(@PathVariable UUID id, @PathVariable UUID methodId) {
        changes.sendCode(id, methodId);
        return ResponseEntity.accepted().build();
    }

    @Operation(operationId = "verifyContactMethod", summary = "Enter the code sent to the contact method: it is paged"
            + " from then on (400 wrong code, 410 expired, 429 too many tries)")
    @PostMapping("/contact-methods/{methodId}/verify")
    ContactMethod verify(@PathVariable UUID id, @PathVariable UUID methodId, @Valid @RequestBody CodeSpec spec) {
        return changes.verify(id, methodId, spec.code());
    }

    @Operation(operationId = "sendTestPage", summary = "Send a test page to the contact method (verified or not);"
            + " at most one a minute and five an hour per contact method")
    @PostMapping("/contact-methods/{methodId}/test")
    ResponseEntity<Queued> test(@PathVariable UUID id, @PathVariable UUID methodId) {
        return ResponseEntity.accepted().body(new Queued(changes.test(id, methodId)));
    }

    @Operation(operationId = "listMessages", summary = "The codes, test pages and invitations sent to a user, newest"
            + " first, with what the provider reported (optionally of one contact method)")
    @GetMapping("/messages")
    MessageList messages(@PathVariable UUID id, @RequestParam(required = false) UUID contactMethodId) {
        return new MessageList(changes.messages(id, contactMethodId));
    }
}
