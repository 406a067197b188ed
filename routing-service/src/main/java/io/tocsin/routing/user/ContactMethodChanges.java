package io.tocsin.routing.user;

import io.tocsin.contracts.Channel;
import io.tocsin.contracts.NotificationRequested.Purpose;
import io.tocsin.contracts.SealedSecrets;
import io.tocsin.routing.api.InvalidRequest;
import io.tocsin.routing.api.NotFound;
import io.tocsin.routing.audit.AuditLog;
import io.tocsin.routing.audit.AuditLog.Action;
import io.tocsin.routing.audit.AuditLog.ResourceType;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a person (or an admin for them) does to their contact methods, audited, whether asked through the admin API
 * or the console's own page: add, change, delete, verify with a code, send a test page, read what was sent.
 */
@Component
public class ContactMethodChanges {

    /** The longest access token taken, through the admin API or the console. */
    static final int MAX_TOKEN = 500;

    private final Users users;
    private final ContactAddresses addresses;
    private final ContactVerification verification;
    private final PersonalMessages messages;
    private final AuditLog audit;
    private final SealedSecrets secrets;

    ContactMethodChanges(Users users, ContactAddresses addresses, ContactVerification verification,
            PersonalMessages messages, AuditLog audit, SealedSecrets secrets) {
        this.users = users;
        this.addresses = addresses;
        this.verification = verification;
        this.messages = messages;
        this.audit = audit;
        this.secrets = secrets;
    }

    /**
     * Adds a method; {@code trusted} (an admin's word) makes it verified at once; {@code token} (PUSH only, or null)
     * is the topic's access token, stored sealed.
     */
    @Transactional
    public ContactMethod add(UUID userId, Channel channel, String address, boolean trusted, String token) {
        user(userId);
        String secret = token == null || token.isBlank() ? null : token.strip();
        if (secret != null && channel != Channel.PUSH) {
            throw new InvalidRequest("'token' is for PUSH contact methods (an ntfy topic's access token); a "
                    + channel + " contact method takes none");
        }
        if (secret != null && secret.length() > MAX_TOKEN) {
            throw new InvalidRequest("'token' is longer than " + MAX_TOKEN + " characters: an ntfy access token is"
                    + " 32 (tk_…)");
        }
        if (secret != null && !secrets.configured()) {
            throw new InvalidRequest("'token' cannot be stored: " + SealedSecrets.VARIABLE + " is not set, and"
                    + " Tocsin stores tokens only encrypted. Set it on routing and the notifier (openssl rand"
                    + " -base64 32), or use a topic that needs no token");
        }
        ContactMethod method = users.addContactMethod(userId, channel, addresses.normalized(channel, address), trusted,
                secret == null ? null : secrets.seal(secret));
        audit.record(ResourceType.CONTACT_METHOD, method.id(), Action.CREATE, null, method);
        return method;
    }

    /** Changes the method's address: a new SMS, voice or email address must be verified again, unless trusted. */
    @Transactional
    public ContactMethod change(UUID userId, UUID methodId, Channel channel, String address, boolean trusted) {
        ContactMethod before = method(userId, methodId);
        if (channel != before.channel()) {
            throw new InvalidRequest("'channel' cannot change (" + before.channel() + " to " + channel
                    + "): add a new contact method and delete this one");
        }
        ContactMethod after = users.changeAddress(before, addresses.normalized(channel, address), trusted);
        audit.record(ResourceType.CONTACT_METHOD, methodId, Action.UPDATE, before, after);
        return after;
    }

    /** Deletes the method and the rules that use it. */
    @Transactional
    public void delete(UUID userId, UUID methodId) {
        ContactMethod method = method(userId, methodId);
        users.deleteContactMethod(userId, methodId);
        audit.record(ResourceType.CONTACT_METHOD, methodId, Action.DELETE, method, null);
    }

    /** Sends a new verification code to the method, within its sending limits. */
    @Transactional
    public void sendCode(UUID userId, UUID methodId) {
        verification.sendCode(user(userId), method(userId, methodId));
    }

    /** Checks the code typed for the method; a wrong one still counts its try. */
    @Transactional(noRollbackFor = MessageRefused.class)
    public ContactMethod verify(UUID userId, UUID methodId, String code) {
        ContactMethod before = method(userId, methodId);
        ContactMethod after = verification.verify(before, code);
        if (!before.verified()) {
            audit.record(ResourceType.CONTACT_METHOD, methodId, Action.UPDATE, before, after);
        }
        return after;
    }

    /** Sends a test page to the method (verified or not, any channel), within its sending limits; the message's id. */
    @Transactional
    public UUID test(UUID userId, UUID methodId) {
        return messages.send(user(userId), method(userId, methodId), Purpose.TEST, null);
    }

    /** What was sent to the user (to one of their methods if {@code methodId} is given), newest first. */
    public List<PersonalMessage> messages(UUID userId, UUID methodId) {
        user(userId);
        return messages.of(userId, methodId);
    }

    private User user(UUID id) {
        return users.find(id).orElseThrow(() -> new NotFound("No user has id " + id));
    }

    private ContactMethod method(UUID userId, UUID methodId) {
        return users.contactMethod(methodId).filter(m -> m.userId().equals(userId))
                .orElseThrow(() -> new NotFound("User " + userId + " has no contact method " + methodId));
    }
}
