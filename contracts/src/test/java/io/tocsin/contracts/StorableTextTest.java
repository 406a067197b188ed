package io.tocsin.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StorableTextTest {

    @Test
    void nulsAndLoneSurrogatesBecomeReplacementCharactersAndPairsStay() {
        assertThat(StorableText.of("nul \u0000 here")).isEqualTo("nul \uFFFD here");
        assertThat(StorableText.of("lone \uD800 high, lone \uDC00 low, end \uD83D"))
                .isEqualTo("lone \uFFFD high, lone \uFFFD low, end \uFFFD");
        assertThat(StorableText.of("pager \uD83D\uDCDF")).isEqualTo("pager \uD83D\uDCDF");
        assertThat(StorableText.of(null)).isNull();
    }

    @Test
    void nestedKeysAndValuesAreMadeStorable() {
        Map<String, Object> details = Map.of("k\u0000", List.of("v\u0000", 3, Map.of("x", "\uDC00")));

        assertThat(StorableText.map(details))
                .isEqualTo(Map.of("k\uFFFD", List.of("v\uFFFD", 3, Map.of("x", "\uFFFD"))));
    }
}
