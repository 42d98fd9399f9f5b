package io.playerlens.features;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FreshnessWindowTest {

    @Test
    void p99_ofTheIntervalsWrites_thenANewInterval() {
        FreshnessWindow window = new FreshnessWindow();
        for (int ms = 1; ms <= 1000; ms++) {
            window.add(ms);
        }
        assertThat(window.p99AndReset()).isEqualTo(990L);
        assertThat(window.p99AndReset()).as("no writes: no data point, not a zero").isNull();
    }

    @Test
    void aBusyInterval_keepsABoundedUniformSample_whosePercentilesHold() {
        FreshnessWindow window = new FreshnessWindow();
        for (int i = 0; i < 200_000; i++) {
            window.add(i % 50 == 49 ? 500 : 20); // 2 % slow: the p99 is slow
        }
        assertThat(window.p99AndReset()).isEqualTo(500L);
        for (int i = 0; i < 200_000; i++) {
            window.add(i % 1000 == 999 ? 500 : 20); // 0.1 % slow: the p99 is fast
        }
        assertThat(window.p99AndReset()).isEqualTo(20L);
    }
}
