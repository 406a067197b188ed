package io.tocsin.notifier.carrier;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which SMS and voice providers carry pages, in which order: {@code smsProviders} ({@code TOCSIN_SMS_PROVIDERS},
 * e.g. {@code twilio,vonage}; empty: every configured provider, by name), {@code voiceProviders} likewise, and per
 * destination {@code smsRoutes} / {@code voiceRoutes} ({@code +91:vonage,twilio;+44:twilio}, the longest matching
 * number prefix wins). A sent SMS whose delivery receipt, or a placed call whose first status (initiated, ringing),
 * has not come within {@code failoverReceiptTimeout} goes out through the next provider. {@code breaker}: when a provider counts as down and is skipped, and for how long.
 */
@ConfigurationProperties("tocsin.carriers")
public record CarrierProperties(List<String> smsProviders, List<String> voiceProviders, String smsRoutes,
        String voiceRoutes, @DefaultValue("PT60S") Duration failoverReceiptTimeout,
        @DefaultValue Breaker breaker) {

    public CarrierProperties {
        smsProviders = smsProviders == null ? List.of() : names(smsProviders);
        voiceProviders = voiceProviders == null ? List.of() : names(voiceProviders);
    }

    /**
     * A provider is skipped once {@code failureRate} percent of its last {@code window} sends (at least
     * {@code minimumCalls} of them) failed on its side, for {@code openFor}; then a few pages try it again.
     */
    public record Breaker(@DefaultValue("50") float failureRate, @DefaultValue("10") int window,
            @DefaultValue("4") int minimumCalls, @DefaultValue("PT30S") Duration openFor) {
    }

    private static List<String> names(List<String> names) {
        return names.stream().map(String::strip).filter(name -> !name.isEmpty()).toList();
    }
}
