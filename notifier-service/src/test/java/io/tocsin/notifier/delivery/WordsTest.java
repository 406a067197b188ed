package io.tocsin.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WordsTest {

    @Test
    void aDurationIsSaidInItsLargestUnitsWithoutDroppingWhatIsLeft() {
        assertThat(Words.duration(Duration.ofSeconds(20))).isEqualTo("20 s");
        assertThat(Words.duration(Duration.ofMinutes(10))).isEqualTo("10 min");
        assertThat(Words.duration(Duration.ofSeconds(90))).isEqualTo("1 min 30 s");
        assertThat(Words.duration(Duration.ofMinutes(90))).isEqualTo("1 h 30 min");
        assertThat(Words.duration(Duration.ofMillis(250))).isEqualTo("250 ms");
    }

    @Test
    void oneIsSingular() {
        assertThat(Words.count(1, "other held page", "other held pages")).isEqualTo("1 other held page");
        assertThat(Words.count(2, "other held page", "other held pages")).isEqualTo("2 other held pages");
    }
}
