package io.tocsin.notifier.email;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * The tokens in email links and push actions: a capability to act on one incident as the contact method the email went to, until it
 * expires. Base64url of {@code version | action | incident id | contact method id | expiry (Unix seconds) | MAC},
 * the MAC being the first 16 bytes of HMAC-SHA256 over the rest with the first configured key; every configured
 * key is tried when verifying, so links signed before a key rotation keep working. Without a configured key, one
 * is made at random at start: links then die with the process (and do not work on other notifier instances).
 */
@Component
public class LinkTokens {

    private static final byte VERSION = 1;
    private static final int BODY = 1 + 1 + 16 + 16 + 8;
    private static final int MAC = 16;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    /** A token that verified: what it allows, until when, and its id (the same link always has the same id). */
    public record LinkToken(UUID incidentId, UUID contactMethodId, LinkAction action, Instant expiresAt, String id) {
    }

    /** What a token turned out to be. */
    public sealed interface Verified {

        record Valid(LinkToken token) implements Verified {
        }

        /** Genuine but too old; it still says which incident it was for. */
        record Expired(LinkToken token) implements Verified {
        }

        /** Not made with any configured key, cut short, or not a token at all. */
        record Invalid() implements Verified {
        }
    }

    private final List<SecretKeySpec> keys;
    private final LinkProperties properties;
    private final Clock clock;

    public LinkTokens(LinkProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        List<byte[]> secrets = properties.linkKeys().isEmpty()
                ? List.of(randomKey())
                : properties.linkKeys().stream().map(key -> key.getBytes(StandardCharsets.UTF_8)).toList();
        this.keys = secrets.stream().map(secret -> new SecretKeySpec(secret, "HmacSHA256")).toList();
    }

    /** When a link made now stops working: the configured validity from now, to the second. */
    public Instant expiryFromNow() {
        return clock.instant().plus(properties.linkValidity()).truncatedTo(ChronoUnit.SECONDS);
    }

    /** A token for acting on the incident as this contact method until {@code expiresAt}. */
    public String issue(UUID incidentId, UUID contactMethodId, LinkAction action, Instant expiresAt) {
        ByteBuffer body = ByteBuffer.allocate(BODY)
                .put(VERSION)
                .put(action.code())
                .putLong(incidentId.getMostSignificantBits()).putLong(incidentId.getLeastSignificantBits())
                .putLong(contactMethodId.getMostSignificantBits()).putLong(contactMethodId.getLeastSignificantBits())
                .putLong(expiresAt.getEpochSecond());
        byte[] token = Arrays.copyOf(body.array(), BODY + MAC);
        System.arraycopy(mac(keys.getFirst(), body.array()), 0, token, BODY, MAC);
        return ENCODER.encodeToString(token);
    }

    public Verified verify(String token) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            return new Verified.Invalid();
        }
        // only the one spelling issued is accepted: a last character differing in its unused bits decodes alike
        if (bytes.length != BODY + MAC || bytes[0] != VERSION || !ENCODER.encodeToString(bytes).equals(token)) {
            return new Verified.Invalid();
        }
        byte[] body = Arrays.copyOf(bytes, BODY);
        byte[] given = Arrays.copyOfRange(bytes, BODY, BODY + MAC);
        boolean genuine = keys.stream().anyMatch(key -> MessageDigest.isEqual(Arrays.copyOf(mac(key, body), MAC), given));
        Optional<LinkAction> action = LinkAction.byCode(bytes[1]);
        if (!genuine || action.isEmpty()) {
            return new Verified.Invalid();
        }
        ByteBuffer fields = ByteBuffer.wrap(body, 2, BODY - 2);
        LinkToken link = new LinkToken(new UUID(fields.getLong(), fields.getLong()),
                new UUID(fields.getLong(), fields.getLong()), action.get(), Instant.ofEpochSecond(fields.getLong()),
                HexFormat.of().formatHex(given));
        return clock.instant().isAfter(link.expiresAt()) ? new Verified.Expired(link) : new Verified.Valid(link);
    }

    boolean keyConfigured() {
        return !properties.linkKeys().isEmpty();
    }

    private static byte[] mac(SecretKeySpec key, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
