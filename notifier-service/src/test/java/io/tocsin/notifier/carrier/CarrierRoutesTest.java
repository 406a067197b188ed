package io.tocsin.notifier.carrier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CarrierRoutesTest {

    private static final Set<String> CONFIGURED = Set.of("twilio", "vonage");

    @Test
    void theLongestMatchingPrefixDecidesElseTheDefaultOrder() {
        CarrierRoutes routes = new CarrierRoutes(CONFIGURED, List.of("twilio", "vonage"),
                "+91:vonage,twilio; +4420:twilio;+44:vonage", "TOCSIN_SMS_PROVIDERS", "TOCSIN_SMS_ROUTES");

        assertThat(routes.order("+919800000001")).containsExactly("vonage", "twilio");
        assertThat(routes.order("+442071234567")).containsExactly("twilio");
        assertThat(routes.order("+447700900001")).containsExactly("vonage");
        assertThat(routes.order("+12015550101")).containsExactly("twilio", "vonage");
    }

    @Test
    void withoutAnOrderEveryConfiguredProviderIsTriedByName() {
        assertThat(new CarrierRoutes(CONFIGURED, List.of(), "", "A", "B").order("+12015550101"))
                .containsExactly("twilio", "vonage");
    }

    @Test
    void aProviderThatIsNotConfiguredOrAMalformedRouteStopsTheStartWithWhatToFix() {
        assertThatThrownBy(() -> new CarrierRoutes(Set.of("twilio"), List.of("twilio", "vonage"), null,
                "TOCSIN_SMS_PROVIDERS", "TOCSIN_SMS_ROUTES"))
                .hasMessageContaining("TOCSIN_SMS_PROVIDERS names vonage").hasMessageContaining("TOCSIN_VONAGE_API_KEY");
        assertThatThrownBy(() -> new CarrierRoutes(CONFIGURED, List.of(), "91=vonage", "TOCSIN_SMS_PROVIDERS",
                "TOCSIN_SMS_ROUTES")).hasMessageContaining("e.g. +91:vonage,twilio");
    }
}
