package io.tocsin.notifier;

import io.tocsin.contracts.NotificationRequested;
import io.tocsin.notifier.delivery.PageText;
import java.net.URI;
import java.util.Optional;
import java.util.UUID;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the world reaches this notifier ({@code TOCSIN_PUBLIC_URL}): usually a proxy's address, possibly with a path
 * prefix. Twilio signs requests over this URL, and links and callbacks in pages are built from it.
 * {@code consoleUrl} ({@code TOCSIN_CONSOLE_URL}) is where people reach routing's web console; when set, every page
 * links to its incident's page there.
 */
@ConfigurationProperties("tocsin.notifier")
public record NotifierProperties(@DefaultValue("http://localhost:8082") URI publicUrl, URI consoleUrl) {

    /** The console page of the incident a page is about (the incident list for a bundle), if the console is known. */
    public Optional<String> incidentUrl(NotificationRequested n) {
        if (!n.isPage()) {
            return Optional.empty();
        }
        return PageText.isBundle(n) ? console("/ui/incidents") : incidentUrl(n.incidentId());
    }

    /** The incident's page in the console, if the console is known. */
    public Optional<String> incidentUrl(UUID incidentId) {
        return console("/ui/incidents/" + incidentId);
    }

    private Optional<String> console(String path) {
        return consoleUrl == null || consoleUrl.toString().isBlank() ? Optional.empty()
                : Optional.of(consoleUrl.toString().replaceAll("/+$", "") + path);
    }

    /** The public URL of one of the notifier's paths, e.g. {@code url("/webhooks/twilio/sms")}. */
    public String url(String path) {
        return publicUrl.toString().replaceAll("/+$", "") + path;
    }
}
