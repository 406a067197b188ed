package io.tocsin.contracts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * How Tocsin stores and compares integration keys and API tokens: only a SHA-256 hash is kept.
 * The secrets are 128 random bits, so a fast hash is enough: there is no dictionary to try.
 */
public final class SecretHash {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** Cloned for each hash: looking SHA-256 up among the security providers cost more than hashing a key. */
    private static final MessageDigest SHA_256 = sha256();

    private SecretHash() {
    }

    /** The lowercase hex SHA-256 of the secret's UTF-8 bytes. */
    public static String of(String secret) {
        MessageDigest digest;
        try {
            digest = (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            digest = sha256();
        }
        return HexFormat.of().formatHex(digest.digest(secret.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** A new random secret: 32 hex digits, the shape PagerDuty clients expect of an integration key. */
    public static String generate() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
