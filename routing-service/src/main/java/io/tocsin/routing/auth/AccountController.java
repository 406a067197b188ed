package io.tocsin.routing.auth;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.tocsin.routing.api.NotFound;
import io.tocsin.routing.api.Role;
import io.tocsin.routing.audit.AuditLog;
import io.tocsin.routing.audit.AuditLog.Action;
import io.tocsin.routing.audit.AuditLog.ResourceType;
import io.tocsin.routing.user.PersonalMessages;
import io.tocsin.routing.user.User;
import io.tocsin.routing.user.Users;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * A user's sign-in, set by admins: the role they sign in with, an initial password, or an invitation link with which
 * they choose their own.
 */
@RestController
@RequestMapping("/api/v1/users/{id}")
class AccountController {

    private static final Logger log = LoggerFactory.getLogger(AccountController.class);

    private final Accounts accounts;
    private final Passwords passwords;
    private final SignInLinks links;
    private final SignInProperties properties;
    private final Users users;
    private final AuditLog audit;

    private final PersonalMessages personalMessages;

    AccountController(Accounts accounts, Passwords passwords, SignInLinks links, SignInProperties properties,
            Users users, PersonalMessages personalMessages, AuditLog audit) {
        this.personalMessages = personalMessages;
        this.accounts = accounts;
        this.passwords = passwords;
        this.links = links;
        this.properties = properties;
        this.users = users;
        this.audit = audit;
    }

    /** The body of PUT /api/v1/users/{id}/sign-in. */
    record SignInSpec(@NotNull Role role,
            @Schema(description = "an initial password (10 characters or more) to hand over; omit it to keep the"
                    + " current one, or to let the person sign in by single sign-on or an invitation only")
            String password) {
    }

    /** How a user signs in, as the API shows it: never the password, whether there is one. */
    record SignIn(UUID userId, Role role, boolean password, boolean singleSignOn) {

        static SignIn of(Accounts.Account account) {
            return new SignIn(account.userId(), account.role(), account.passwordHash() != null,
                    account.oidcSubject() != null);
        }
    }

    /** The body of POST /api/v1/users/{id}/invitations. */
    record InvitationSpec(@NotNull Role role) {
    }

    /**
     * An invitation: the link to hand to the person (shown this once), when it stops working, and the address it was
     * emailed to (null when the user has no email address: hand the link over yourself).
     */
    record Invitation(String link, Instant expiresAt, String emailedTo) {
    }

    @Operation(operationId = "getSignIn", summary = "How a user signs in: their role, whether they have a password")
    @GetMapping("/sign-in")
    SignIn get(@PathVariable UUID id) {
        return accounts.find(id).map(SignIn::of).orElseThrow(() -> new NotFound("User " + id + " cannot sign in:"
                + " PUT /api/v1/users/" + id + "/sign-in or POST /api/v1/users/" + id + "/invitations first"));
    }

    @Operation(operationId = "putSignIn", summary = "Let a user sign in with a role, optionally with an initial password")
    @PutMapping("/sign-in")
    @Transactional
    SignIn put(@PathVariable UUID id, @Valid @RequestBody SignInSpec spec) {
        user(id);
        SignIn before = accounts.find(id).map(SignIn::of).orElse(null);
        String hash = spec.password() == null ? null : passwords.hash(spec.password());
        accounts.grant(id, spec.role());
        if (hash != null) {
            accounts.setPassword(id, hash);
        }
        SignIn after = accounts.find(id).map(SignIn::of).orElseThrow();
        audit.record(ResourceType.USER, id, Action.UPDATE, before, after);
        log.info("user={} may sign in role={} password set={}", id, spec.role(), hash != null);
        return after;
    }

    @Operation(operationId = "deleteSignIn", summary = "Stop a user from signing in; their console sessions end")
    @DeleteMapping("/sign-in")
    @Transactional
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        SignIn before = accounts.find(id).map(SignIn::of).orElseThrow(() -> new NotFound("User " + id
                + " cannot sign in already"));
        accounts.revoke(id);
        audit.record(ResourceType.USER, id, Action.UPDATE, before, null);
        log.info("user={} may no longer sign in", id);
        return ResponseEntity.noContent().build();
    }

    @Operation(operationId = "inviteUser", summary = "Invite a user: a one-time link with which they choose their"
            + " password and sign in, valid for TOCSIN_INVITATION_LIFETIME")
    @PostMapping("/invitations")
    @Transactional
    ResponseEntity<Invitation> invite(@PathVariable UUID id, @Valid @RequestBody InvitationSpec spec) {
        User user = user(id);
        SignIn before = accounts.find(id).map(SignIn::of).orElse(null);
        accounts.grant(id, spec.role());
        SignInLinks.Issued issued = links.issue(id, properties.invitationLifetime());
        audit.record(ResourceType.USER, id, Action.UPDATE, before, accounts.find(id).map(SignIn::of).orElseThrow());
        log.info("user={} invited role={} until {}", user.id(), spec.role(), issued.expiresAt());
        String link = ServletUriComponentsBuilder.fromCurrentContextPath().path(SignInLinks.PATH)
                .queryParam("token", issued.token()).toUriString();
        String emailedTo = user.email() == null || user.email().isBlank() ? null : user.email();
        if (emailedTo != null) {
            personalMessages.invite(user, link);
        }
        return ResponseEntity.created(URI.create("/api/v1/users/" + id + "/sign-in"))
                .body(new Invitation(link, issued.expiresAt(), emailedTo));
    }

    private User user(UUID id) {
        return users.find(id).orElseThrow(() -> new NotFound("No user has id " + id));
    }
}
