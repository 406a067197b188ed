package io.tocsin.ingest.cloudwatch;

import io.tocsin.ingest.intake.InvalidPayload;
import io.tocsin.ingest.intake.JsonFields;
import io.tocsin.ingest.intake.Reason;
import io.tocsin.ingest.intake.Rejected;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Verifies Amazon SNS message signatures (SignatureVersion 1, SHA1withRSA, and 2, SHA256withRSA) with the
 * certificate at {@code SigningCertURL}, which must be a genuine SNS URL (see {@link SnsHosts}) serving a currently
 * valid certificate issued to {@code sns.amazonaws.com}. Certificates are fetched once per URL.
 */
@Component
class SnsMessages {

    private static final List<String> NOTIFICATION_FIELDS =
            List.of("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type");
    private static final List<String> CONFIRMATION_FIELDS =
            List.of("Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type");
    private static final int MAX_CACHED_CERTIFICATES = 64;

    private final SnsHttp http;
    private final Clock clock;
    private final Map<URI, X509Certificate> certificates = new ConcurrentHashMap<>();

    SnsMessages(SnsHttp http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    /** Returns normally only if SNS signed this message; the message's type is then in {@code Type}. */
    void verify(JsonNode message) {
        String type = JsonFields.text(message, "Type").orElseThrow(() -> new InvalidPayload(
                "'Type' is missing; expected an Amazon SNS message"));
        List<String> signed = "Notification".equals(type) ? NOTIFICATION_FIELDS : CONFIRMATION_FIELDS;
        String algorithm = switch (JsonFields.text(message, "SignatureVersion").orElse("")) {
            case "1" -> "SHA1withRSA";
            case "2" -> "SHA256withRSA";
            default -> throw new Rejected(Reason.SIGNATURE_INVALID, "'SignatureVersion' must be 1 or 2");
        };
        URI certificateUrl = SnsHosts.requireGenuine(JsonFields.text(message, "SigningCertURL").orElse(null),
                "SigningCertURL");
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(JsonFields.text(message, "Signature").orElse(""));
        } catch (IllegalArgumentException e) {
            throw new Rejected(Reason.SIGNATURE_INVALID, "'Signature' is not Base64");
        }
        String stringToSign = stringToSign(message, signed, type);
        X509Certificate certificate = certificate(certificateUrl);
        try {
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(stringToSign.getBytes(StandardCharsets.UTF_8));
            if (!verifier.verify(signature)) {
                throw new Rejected(Reason.SIGNATURE_INVALID, "The SNS signature does not match the message");
            }
        } catch (GeneralSecurityException e) {
            throw new Rejected(Reason.SIGNATURE_INVALID, "The SNS signature could not be checked: " + e.getMessage(),
                    List.of(), null, e);
        }
    }

    private static String stringToSign(JsonNode message, List<String> fields, String type) {
        StringBuilder text = new StringBuilder();
        List<String> missing = new ArrayList<>();
        for (String field : fields) {
            JsonNode value = message.get(field);
            if (value == null || value.isNull()) {
                if (!field.equals("Subject")) {
                    missing.add("'" + field + "' is missing from the SNS " + type);
                }
                continue;
            }
            text.append(field).append('\n').append(value.asString()).append('\n');
        }
        if (!missing.isEmpty()) {
            throw new InvalidPayload(missing);
        }
        return text.toString();
    }

    private X509Certificate certificate(URI url) {
        X509Certificate certificate = certificates.get(url);
        if (certificate == null) {
            certificate = fetch(url);
            if (certificates.size() >= MAX_CACHED_CERTIFICATES) {
                certificates.clear();
            }
            certificates.put(url, certificate);
        }
        try {
            certificate.checkValidity(Date.from(clock.instant()));
        } catch (GeneralSecurityException e) {
            throw new Rejected(Reason.SIGNATURE_INVALID, "The SNS signing certificate is not valid now");
        }
        return certificate;
    }

    private X509Certificate fetch(URI url) {
        X509Certificate certificate;
        try {
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(http.get(url)));
        } catch (IOException | GeneralSecurityException | ClassCastException e) {
            throw new Rejected(Reason.SIGNATURE_INVALID, "The SNS signing certificate could not be fetched or read",
                    List.of(), null, e);
        }
        if (!issuedToSns(certificate)) {
            throw new Rejected(Reason.SIGNATURE_INVALID, "The signing certificate is not issued to sns.amazonaws.com");
        }
        return certificate;
    }

    private static boolean issuedToSns(X509Certificate certificate) {
        try {
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    String name = rdn.getValue().toString();
                    return name.equals("sns.amazonaws.com") || name.equals("sns.amazonaws.com.cn");
                }
            }
        } catch (InvalidNameException e) {
            return false;
        }
        return false;
    }
}
