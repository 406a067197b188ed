package io.tocsin.ingest.cloudwatch;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plays Amazon SNS for tests: a signing key and certificate made with the JDK's keytool, a local HTTP server that
 * serves the certificate and records subscription confirmations, and an {@link SnsHttp} that sends the
 * (already validated) sns.*.amazonaws.com URLs there instead.
 */
public final class LocalSns implements AutoCloseable {

    public static final String TOPIC = "arn:aws:sns:eu-west-1:123456789012:tocsin";
    public static final String CERT_URL = "https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-test.pem";

    private final HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile PrivateKey signingKey;
    private volatile byte[] certificatePem;

    public LocalSns() {
        this(KeyPair.generate("CN=sns.amazonaws.com", "-1d", 2));
    }

    public LocalSns(KeyPair keys) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        use(keys);
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestURI().toString());
            byte[] body = exchange.getRequestURI().getPath().endsWith(".pem") ? certificatePem
                    : "<ConfirmSubscriptionResponse/>".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    /** Signs with these keys and serves their certificate from now on. */
    public void use(KeyPair keys) {
        this.signingKey = keys.privateKey();
        this.certificatePem = keys.certificatePem();
    }

    /** The paths and queries fetched so far: certificates and subscription confirmations. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** Sends genuine SNS URLs to this server; anything else would be a bug in the host check, so it fails. */
    public SnsHttp http() {
        return url -> {
            if (!url.getHost().endsWith(".amazonaws.com") || !url.getScheme().equals("https")) {
                throw new IOException("LocalSns was asked for a URL SnsHosts should have refused: " + url);
            }
            var local = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + url.getRawPath()
                    + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery()));
            try (var in = local.toURL().openStream()) {
                return in.readAllBytes();
            }
        };
    }

    /** A CloudWatch alarm notification as SNS would post it, signed with {@code signatureVersion} 1 or 2. */
    public String notification(String alarmJson, String signatureVersion) {
        Map<String, String> message = new LinkedHashMap<>();
        message.put("Type", "Notification");
        message.put("MessageId", "22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324");
        message.put("TopicArn", TOPIC);
        message.put("Subject", "ALARM: \"api-5xx-rate\" in EU (Ireland)");
        message.put("Message", alarmJson);
        message.put("Timestamp", "2026-01-31T13:45:01.234Z");
        message.put("UnsubscribeURL", "https://sns.eu-west-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=x");
        return signed(message, List.of("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"),
                signatureVersion);
    }

    /** The SubscriptionConfirmation SNS posts when the HTTPS subscription is created. */
    public String subscriptionConfirmation(String subscribeUrl) {
        Map<String, String> message = new LinkedHashMap<>();
        message.put("Type", "SubscriptionConfirmation");
        message.put("MessageId", "165545c9-2a5c-472c-8df2-7ff2be2b3b1b");
        message.put("Token", "2336412f37fb687f5d51e6e241d09c805a5a57b30d712f794cc5f6a988666d92768dd60a747ba6f3");
        message.put("TopicArn", TOPIC);
        message.put("Message", "You have chosen to subscribe to the topic " + TOPIC
                + ".\nTo confirm the subscription, visit the SubscribeURL included in this message.");
        message.put("SubscribeURL", subscribeUrl);
        message.put("Timestamp", "2026-01-31T13:00:00.000Z");
        return signed(message, List.of("Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn",
                "Type"), "2");
    }

    private String signed(Map<String, String> message, List<String> fields, String signatureVersion) {
        StringBuilder stringToSign = new StringBuilder();
        for (String field : fields) {
            stringToSign.append(field).append('\n').append(message.get(field)).append('\n');
        }
        try {
            Signature signer = Signature.getInstance(signatureVersion.equals("1") ? "SHA1withRSA" : "SHA256withRSA");
            signer.initSign(signingKey);
            signer.update(stringToSign.toString().getBytes(StandardCharsets.UTF_8));
            message.put("SignatureVersion", signatureVersion);
            message.put("Signature", Base64.getEncoder().encodeToString(signer.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        message.put("SigningCertURL", CERT_URL);
        return JsonMapper.shared().writeValueAsString(message);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** An RSA key and a self-signed certificate for {@code subject}, made by keytool as a person would. */
    public record KeyPair(PrivateKey privateKey, byte[] certificatePem) {

        /** @param startDate keytool's -startdate, e.g. -1d; @param validityDays from then */
        public static KeyPair generate(String subject, String startDate, int validityDays) {
            try {
                Path dir = Files.createTempDirectory("local-sns");
                Path store = dir.resolve("sns.p12");
                Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool")
                        .toString(), "-genkeypair", "-alias", "sns", "-keyalg", "RSA", "-keysize", "2048",
                        "-dname", subject, "-startdate", startDate, "-validity", Integer.toString(validityDays),
                        "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit",
                        "-keypass", "changeit").redirectErrorStream(true).start();
                String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!keytool.waitFor(30, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
                    throw new IllegalStateException("keytool failed: " + output);
                }
                KeyStore keyStore = KeyStore.getInstance("PKCS12");
                try (var in = Files.newInputStream(store)) {
                    keyStore.load(in, "changeit".toCharArray());
                }
                Files.delete(store);
                Files.delete(dir);
                X509Certificate certificate = (X509Certificate) keyStore.getCertificate("sns");
                String pem = "-----BEGIN CERTIFICATE-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                                .encodeToString(certificate.getEncoded())
                        + "\n-----END CERTIFICATE-----\n";
                return new KeyPair((PrivateKey) keyStore.getKey("sns", "changeit".toCharArray()),
                        pem.getBytes(StandardCharsets.US_ASCII));
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
