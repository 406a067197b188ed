package io.tocsin.notifier.email;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The keys that sign the acknowledge / resolve links in emails ({@code TOCSIN_LINK_KEYS}, comma-separated: the
 * first signs, every one verifies, so a key is rotated by putting the new one first and dropping the old one once
 * its links expired) and how long a link works after its email was sent.
 */
@ConfigurationProperties("tocsin.notifier")
public record LinkProperties(List<String> linkKeys, @DefaultValue("PT24H") Duration linkValidity) {

    public LinkProperties {
        linkKeys = linkKeys == null ? List.of() : linkKeys.stream().map(String::strip).filter(k -> !k.isEmpty()).toList();
    }

    @Override
    public String toString() {
        return "LinkProperties[linkKeys=(" + linkKeys.size() + " hidden), linkValidity=" + linkValidity + "]";
    }
}
