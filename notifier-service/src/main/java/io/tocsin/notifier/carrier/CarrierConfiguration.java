package io.tocsin.notifier.carrier;

import io.micrometer.core.instrument.MeterRegistry;
import io.tocsin.contracts.Channel;
import io.tocsin.notifier.delivery.ChannelSender;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The SMS and voice channels over the providers configured here, their order per number, and their breakers. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CarrierProperties.class)
class CarrierConfiguration {

    /** Named "providers": its breakers' states show under that name in /actuator/health. */
    @Bean
    ProviderBreakers providers(CarrierProperties properties, Clock clock, MeterRegistry meters,
            List<PhoneProvider> providers) {
        return new ProviderBreakers(properties.breaker(), clock, meters,
                providers.stream().map(PhoneProvider::name).collect(Collectors.toCollection(TreeSet::new)));
    }

    @Bean
    ChannelSender smsChannel(CarrierProperties properties, List<PhoneProvider> providers, ProviderBreakers breakers) {
        Map<String, PhoneProvider> sms = of(Channel.SMS, providers);
        return new PhoneChannel(Channel.SMS, sms, new CarrierRoutes(sms.keySet(), properties.smsProviders(),
                properties.smsRoutes(), "TOCSIN_SMS_PROVIDERS", "TOCSIN_SMS_ROUTES"), breakers,
                properties.failoverReceiptTimeout());
    }

    /** A call's receipt is its first status (initiated, ringing): without one by the timeout the call fails over. */
    @Bean
    ChannelSender voiceChannel(CarrierProperties properties, List<PhoneProvider> providers, ProviderBreakers breakers) {
        Map<String, PhoneProvider> voice = of(Channel.VOICE, providers);
        return new PhoneChannel(Channel.VOICE, voice, new CarrierRoutes(voice.keySet(), properties.voiceProviders(),
                properties.voiceRoutes(), "TOCSIN_VOICE_PROVIDERS", "TOCSIN_VOICE_ROUTES"), breakers,
                properties.failoverReceiptTimeout());
    }

    private static Map<String, PhoneProvider> of(Channel channel, List<PhoneProvider> providers) {
        Map<String, PhoneProvider> byName = new LinkedHashMap<>();
        providers.stream().filter(provider -> provider.channel() == channel)
                .forEach(provider -> byName.put(provider.name(), provider));
        return byName;
    }
}
