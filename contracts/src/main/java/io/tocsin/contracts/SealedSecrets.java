package io.tocsin.contracts;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Secrets Tocsin must give back to a third party (an ntfy access token), stored and sent between the services only
 * sealed: AES-256-GCM under the keys in TOCSIN_SECRET_KEYS (comma-separated, each 32 random bytes in Base64, e.g.
 * {@code openssl rand -base64 32}). The first key seals; every key opens, so a key is rotated by putting a new one
 * first and dropping the old one once nothing sealed with it is left. A sealed value reads
 * {@code v1.<key id>.<Base64url of nonce and ciphertext>}, the key id being the first 4 bytes of the key's SHA-256.
 */
public final class SealedSecrets {

    /** The setting's name, for messages. */
    public static final String VARIABLE = "TOCSIN_SECRET_KEYS";
    private static final String VERSION = "v1";
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    private static final byte[] CONTEXT = "tocsin sealed secret v1".getBytes(StandardCharsets.UTF_8);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();

    /** {@code keys}: the Base64 keys as configured, first the one that seals; none leaves sealing unavailable. */
    public SealedSecrets(Collection<String> keys) {
        int position = 0;
        for (String key : keys) {
            position++;
            if (key == null || key.isBlank()) {
                continue;
            }
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(key.strip());
            } catch (IllegalArgumentException e) {
                bytes = new byte[0];
            }
            if (bytes.length != 32) {
                throw new IllegalArgumentException(VARIABLE + ": key " + position + " is not 32 bytes in Base64;"
                        + " make one with: openssl rand -base64 32");
            }
            this.keys.putIfAbsent(id(bytes), new SecretKeySpec(bytes, "AES"));
        }
    }

    /** Whether a key is configured, so that secrets can be sealed here. */
    public boolean configured() {
        return !keys.isEmpty();
    }

    /** The secret sealed with the first key; a new nonce each time, so equal secrets seal differently. */
    public String seal(String secret) {
        if (keys.isEmpty()) {
            throw new IllegalStateException(VARIABLE + " is not set: no key to seal secrets with");
        }
        Map.Entry<String, SecretKeySpec> key = keys.entrySet().iterator().next();
        byte[] nonce = new byte[NONCE];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key.getValue(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(CONTEXT);
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return VERSION + "." + key.getKey() + "." + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(ByteBuffer.allocate(NONCE + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is missing from this JVM", e);
        }
    }

    /**
     * The secret, if it was sealed with one of the configured keys and not changed since; empty when its key is not
     * configured (any more) or it was tampered with.
     */
    public Optional<String> open(String sealed) {
        String[] parts = sealed == null ? new String[0] : sealed.split("\\.", 3);
        if (parts.length != 3 || !parts[0].equals(VERSION) || !keys.containsKey(parts[1])) {
            return Optional.empty();
        }
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(parts[2]);
            if (bytes.length < NONCE + TAG_BITS / 8) {
                return Optional.empty();
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, keys.get(parts[1]), new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE));
            cipher.updateAAD(CONTEXT);
            return Optional.of(new String(cipher.doFinal(bytes, NONCE, bytes.length - NONCE), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | javax.crypto.AEADBadTagException e) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is missing from this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "SealedSecrets[" + keys.size() + " key(s), hidden]";
    }

    private static String id(byte[] key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key), 0, 4);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
