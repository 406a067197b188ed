package io.tocsin.notifier.delivery;

import io.tocsin.contracts.Channel;
import java.time.Duration;
import java.util.OptionalInt;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many messages one contact method gets per {@code window} ({@code tocsin.notifier.throttle.*}): at most
 * {@code sms} texts and {@code voice} calls; 0 lifts the limit. Other channels are not throttled.
 */
@ConfigurationProperties("tocsin.notifier.throttle")
record ThrottleProperties(
        @DefaultValue("5") int sms,
        @DefaultValue("3") int voice,
        @DefaultValue("PT15M") Duration window) {

    /** The channel's limit per window, if it has one. */
    OptionalInt limit(Channel channel) {
        int limit = switch (channel) {
            case SMS -> sms;
            case VOICE -> voice;
            default -> 0;
        };
        return limit > 0 ? OptionalInt.of(limit) : OptionalInt.empty();
    }
}
