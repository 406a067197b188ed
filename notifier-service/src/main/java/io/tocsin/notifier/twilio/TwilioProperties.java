package io.tocsin.notifier.twilio;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Twilio credentials ({@code TOCSIN_TWILIO_ACCOUNT_SID}, {@code TOCSIN_TWILIO_AUTH_TOKEN},
 * {@code TOCSIN_TWILIO_FROM_NUMBER}); {@code baseUrl} points the SDK elsewhere, for tests.
 */
@ConfigurationProperties("tocsin.twilio")
public record TwilioProperties(String accountSid, String authToken, String fromNumber,
        @DefaultValue("https://api.twilio.com") URI baseUrl) {

    @Override
    public String toString() {
        return "TwilioProperties[accountSid=" + accountSid + ", fromNumber=" + fromNumber + ", baseUrl=" + baseUrl + "]";
    }
}
