package io.tocsin.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReportTest {

    @Test
    void percentilesOfSignedValuesKeepEarlyOnesNegative() {
        long[] micros = {-30_000, -10_000, 5_000, 7_000, 250_000};

        Report.Percentiles p = Report.Percentiles.ofSorted(micros);

        assertThat(p.count()).isEqualTo(5);
        assertThat(p.p50()).isEqualTo(5.0);
        assertThat(p.p90()).isEqualTo(250.0);
        assertThat(p.max()).isEqualTo(250.0);
    }

    @Test
    void findsTheBenchmarkKeyInAnSmsPage() {
        Arrivals arrivals = new Arrivals();

        arrivals.arrivedIn("Tocsin #12: [CRITICAL] bench e2e-42 (service bench-e2e) Reply 12a ack, 12c close");

        assertThat(arrivals.of("e2e-42")).hasSize(1);
        assertThat(arrivals.of("e2e-4")).isEmpty();
    }
}
