package io.playerlens.bench.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class OpenLoopTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void rampRisesFromATenthToTheFullRateThenHolds() {
        long ramp = 10 * SECOND;
        assertThat(OpenLoop.dueOffset(0, 100, ramp)).isZero();
        // Over the ramp the count is the rate's integral, 0.55 x 100/s x 10 s = 550 actions; then 100 per second.
        assertThat(OpenLoop.dueOffset(550, 100, ramp)).isCloseTo(ramp, within(1_000_000L));
        assertThat(OpenLoop.dueOffset(650, 100, ramp) - OpenLoop.dueOffset(550, 100, ramp)).isCloseTo(SECOND, within(1_000L));
        // First second: from 10/s rising to 19/s, about 14.5 actions; the last second of the ramp about 95.5.
        assertThat(OpenLoop.dueOffset(14, 100, ramp)).isLessThan(SECOND);
        assertThat(OpenLoop.dueOffset(15, 100, ramp)).isGreaterThan(SECOND);
        long fromNine = 550 - 95;
        assertThat(OpenLoop.dueOffset(fromNine, 100, ramp)).isCloseTo(9 * SECOND, within(SECOND / 50));
        // Without a ramp, the fixed rate from the start; a rate below one per ramp still fires its first action at once.
        assertThat(OpenLoop.dueOffset(3, 100, 0)).isEqualTo(30_000_000L);
        assertThat(OpenLoop.dueOffset(0, 1, SECOND)).isZero();
        assertThat(OpenLoop.dueOffset(1, 1, SECOND)).isCloseTo(1_450_000_000L, within(1_000L));
    }

    @Test
    void aLateThreadFiresEveryDueActionWithItsScheduledTimeAndStopsAtTheNewEnd() throws Exception {
        AtomicLong count = new AtomicLong();
        AtomicLong lastDue = new AtomicLong();
        // Started 1 s in the past at 1,000/s: the first ~1,000 actions are already due and fire at once, each with its
        // own scheduled time, not the time it ran.
        long start = System.nanoTime() - SECOND;
        OpenLoop loop = new OpenLoop("test-loop", 1000, start, Duration.ofSeconds(60), Duration.ZERO, due -> {
            count.incrementAndGet();
            lastDue.set(due);
        });
        loop.endAt(start + SECOND + SECOND / 5);
        loop.start();
        loop.await();
        assertThat(count.get()).isEqualTo(1200);
        assertThat(lastDue.get() - start).isEqualTo(1199 * 1_000_000L);
        assertThat(loop.fired()).isEqualTo(1200);
    }

    @Test
    void pollsEvery10msUntilFivePercentOfTheWaitIsLonger() {
        assertThat(ShapeBench.nextPoll(0)).isEqualTo(10_000_000L);
        assertThat(ShapeBench.nextPoll(150_000_000L)).isEqualTo(10_000_000L);
        assertThat(ShapeBench.nextPoll(2 * SECOND)).isEqualTo(100_000_000L);
        // A 10 s stall costs ~100 polls per sample (20 in the first 200 ms, then 5 % steps), not 1,000.
        long waited = 0;
        int polls = 0;
        while (waited < 10 * SECOND) {
            waited += ShapeBench.nextPoll(waited);
            polls++;
        }
        assertThat(polls).isBetween(90, 110);
    }
}
