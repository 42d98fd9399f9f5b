package io.playerlens.bench.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WarmupTest {
    private static final Duration WINDOW = Duration.ofMillis(400);
    private static final Duration STEP = Duration.ofMillis(20);

    @Test
    void aJitThatStopsCompilingEndsTheWarmUpAtTheMinimum() throws Exception {
        long start = System.nanoTime();
        // Compiles flat out for the first 100 ms, then nothing.
        Warmup warmup = new Warmup(() -> Math.min(100, (System.nanoTime() - start) / 1_000_000), WINDOW, STEP);
        Warmup.Outcome outcome = warmup.await(start, Duration.ofMillis(600), Duration.ofSeconds(30));
        assertThat(outcome.settled()).isTrue();
        assertThat(outcome.jitBusy()).isLessThan(Warmup.SETTLED_BUSY);
        assertThat(outcome.length()).isGreaterThanOrEqualTo(Duration.ofMillis(600)).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void aJitStillBusyRunsTheWarmUpToTheMaximumAndSaysSo() throws Exception {
        long start = System.nanoTime();
        // Two compiler threads busy all the time: 2 ms compiled per ms.
        Warmup warmup = new Warmup(() -> 2 * (System.nanoTime() - start) / 1_000_000, WINDOW, STEP);
        Warmup.Outcome outcome = warmup.await(start, Duration.ofMillis(100), Duration.ofMillis(800));
        assertThat(outcome.settled()).isFalse();
        assertThat(outcome.jitBusy()).isGreaterThan(1.5);
        assertThat(outcome.length()).isGreaterThanOrEqualTo(Duration.ofMillis(800));
    }

    @Test
    void neverSettledBeforeHalfAWindowHasBeenSeen() throws Exception {
        long start = System.nanoTime();
        // Nothing compiled at all, but the minimum is shorter than half the window: the verdict waits for the window.
        Warmup warmup = new Warmup(() -> 0, WINDOW, STEP);
        Warmup.Outcome outcome = warmup.await(start, Duration.ZERO, Duration.ofSeconds(30));
        assertThat(outcome.settled()).isTrue();
        assertThat(outcome.length()).isGreaterThanOrEqualTo(WINDOW.dividedBy(2));
    }
}
