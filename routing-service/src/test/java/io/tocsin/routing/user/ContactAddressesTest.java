package io.tocsin.routing.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tocsin.contracts.Channel;
import io.tocsin.routing.api.InvalidRequest;
import org.junit.jupiter.api.Test;

/** Phone numbers as people type them, stored in E.164; the default region decides numbers without a country code. */
class ContactAddressesTest {

    @Test
    void aNationalNumberIsReadInTheDefaultRegion() {
        assertThat(new ContactAddresses(new PhoneProperties("gb")).normalized(Channel.SMS, "020 7946 0958"))
                .isEqualTo("+442079460958");
        assertThat(new ContactAddresses(new PhoneProperties("US")).normalized(Channel.VOICE, " 201.555.0123 "))
                .isEqualTo("+12015550123");
        assertThat(new ContactAddresses(new PhoneProperties("US")).normalized(Channel.SMS, "+49 30 901820"))
                .isEqualTo("+4930901820");
    }

    @Test
    void aNumberThatCannotBeDialledIsRefusedWithTheExpectedForm() {
        assertThatThrownBy(() -> new ContactAddresses(new PhoneProperties("DE")).normalized(Channel.SMS, "12"))
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
}
