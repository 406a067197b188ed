package io.tocsin.notifier.vonage;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Vonage credentials: {@code TOCSIN_VONAGE_API_KEY}, {@code TOCSIN_VONAGE_API_SECRET} and {@code TOCSIN_VONAGE_FROM}
 * (the number pages come from) for SMS; {@code TOCSIN_VONAGE_APPLICATION_ID} and {@code TOCSIN_VONAGE_PRIVATE_KEY}
 * (the application's PEM key) for calls; {@code TOCSIN_VONAGE_SIGNATURE_SECRET} (and its method,
 * {@code TOCSIN_VONAGE_SIGNATURE_METHOD}: md5hash, md5, sha1, sha256 or sha512, as set in the Vonage dashboard)
 * checks its webhooks. {@code baseUrl} ({@code TOCSIN_VONAGE_BASE_URL}) points the SDK elsewhere, for tests.
 */
@ConfigurationProperties("tocsin.vonage")
public record VonageProperties(String apiKey, String apiSecret, String from, String applicationId, String privateKey,
        String signatureSecret, @DefaultValue("md5hash") String signatureMethod, URI baseUrl) {

    /** The number as Vonage writes it: E.164 without the plus. */
    public static String number(String e164) {
        return e164.startsWith("+") ? e164.substring(1) : e164;
    }

    /** A number Vonage wrote, as Tocsin stores it: E.164 with the plus. */
    public static String e164(String vonageNumber) {
        return vonageNumber == null || vonageNumber.startsWith("+") ? vonageNumber : "+" + vonageNumber;
    }

    @Override
    public String toString() {
        return "VonageProperties[apiKey=" + apiKey + ", from=" + from + ", applicationId=" + applicationId
                + ", signatureMethod=" + signatureMethod + ", baseUrl=" + baseUrl + "]";
    }
}
