package io.tocsin.notifier;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the world reaches this notifier ({@code TOCSIN_PUBLIC_URL}): usually a proxy's address, possibly with a path
 * prefix. Twilio signs requests over this URL, and links and callbacks in pages are built from it.
 */
@ConfigurationProperties("tocsin.notifier")
public record NotifierProperties(@DefaultValue("http://localhost:8082") URI publicUrl) {

    /** The public URL of one of the notifier's paths, e.g. {@code url("/webhooks/twilio/sms")}. */
    public String url(String path) {
        String base = publicUrl.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
    }
}
