package io.tocsin.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedactTest {

    @ParameterizedTest
    @CsvSource({
            "+15551234567, +*******4567",
            "alice@example.com, *************.com",
            "1234, ****",
            "'', ****"})
    void keepsOnlyTheLastFourCharactersAndAPlus(String address, String masked) {
        assertThat(Redact.address(address)).isEqualTo(masked);
    }
}
