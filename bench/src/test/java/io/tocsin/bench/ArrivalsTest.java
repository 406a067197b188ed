package io.tocsin.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class ArrivalsTest {

    @Test
    void theDrainRateIsThePagesLeftAfterTheLoadOverTheTimeTheyTook() {
        Arrivals.EndToEnd pages = new Arrivals.EndToEnd(new Histogram(3), 50_000, 0, 80.0, 40_000, 64.0);

        assertThat(pages.drainRate()).isEqualTo(625.0);
    }

    @Test
    void noDrainRateWhenTooLittleWasLeftToDrain() {
        assertThat(new Arrivals.EndToEnd(new Histogram(3), 3_000, 0, 0.4, 999, 0.4).drainRate()).isNaN();
        assertThat(new Arrivals.EndToEnd(new Histogram(3), 3_000, 0, 0.9, 1_500, 0.9).drainRate()).isNaN();
    }
}
