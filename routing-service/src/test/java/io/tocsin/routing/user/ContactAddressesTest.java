package io.tocsin.routing.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tocsin.contracts.Channel;
import io.tocsin.routing.api.InvalidRequest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Phone numbers as people type them, stored in E.164; the default region decides numbers without a country code. */
class ContactAddressesTest {

    private static final WebhookProperties NO_ALLOWED_HOSTS = new WebhookProperties(List.of());

    @Test
    void aNationalNumberIsReadInTheDefaultRegion() {
        assertThat(new ContactAddresses(new PhoneProperties("gb"), NO_ALLOWED_HOSTS).normalized(Channel.SMS, "020 7946 0958"))
                .isEqualTo("+442079460958");
        assertThat(new ContactAddresses(new PhoneProperties("US"), NO_ALLOWED_HOSTS).normalized(Channel.VOICE, " 201.555.0123 "))
                .isEqualTo("+12015550123");
        assertThat(new ContactAddresses(new PhoneProperties("US"), NO_ALLOWED_HOSTS).normalized(Channel.SMS, "+49 30 901820"))
                .isEqualTo("+4930901820");
    }

    @Test
    void aNumberThatCannotBeDialledIsRefusedWithTheExpectedForm() {
        assertThatThrownBy(() -> new ContactAddresses(new PhoneProperties("DE"), NO_ALLOWED_HOSTS).normalized(Channel.SMS, "12"))
                .isInstanceOf(InvalidRequest.class)
                .hasMessageContaining("'12'")
                .hasMessageContaining("+44 20 7946 0958")
                .hasMessageContaining("region DE");
    }

    @Test
    void anUnknownDefaultRegionStopsTheStartWithWhatToSet() {
        assertThatThrownBy(() -> new PhoneProperties("USA"))
                .hasMessageContaining("TOCSIN_PHONE_DEFAULT_REGION")
                .hasMessageContaining("two-letter");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://169.254.169.254/x", "http://10.0.0.1/", "http://2130706433/", "https://[::1]/hook",
            "http://localhost:8080/"})
    void aWebhookTheNotifierWouldAlwaysRefuseIsRefusedWhenTyped(String url) {
        assertThatThrownBy(() -> new ContactAddresses(new PhoneProperties("US"), NO_ALLOWED_HOSTS)
                .normalized(Channel.WEBHOOK, url))
                .isInstanceOf(InvalidRequest.class)
                .hasMessageStartingWith("'address' of a WEBHOOK contact method would never be called: refused to call");
    }

    @Test
    void aWebhookToAnAllowedOrPublicHostIsTaken() {
        ContactAddresses addresses = new ContactAddresses(new PhoneProperties("US"),
                new WebhookProperties(List.of("10.0.0.1")));

        assertThat(addresses.normalized(Channel.WEBHOOK, "http://10.0.0.1/")).isEqualTo("http://10.0.0.1/");
        assertThat(addresses.normalized(Channel.WEBHOOK, "https://hooks.example.com/t")).isEqualTo("https://hooks.example.com/t");
    }
}
