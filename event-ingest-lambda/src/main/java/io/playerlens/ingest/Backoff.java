package io.playerlens.ingest;

import java.time.Duration;
import java.util.function.LongUnaryOperator;

/** Exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff And Jitter"). */
final class Backoff {
    private final Duration base;
    private final Duration cap;
    private final LongUnaryOperator randomBelow;

    /** @param randomBelow returns a uniform random long in [0, bound) */
    Backoff(Duration base, Duration cap, LongUnaryOperator randomBelow) {
        this.base = base;
        this.cap = cap;
        this.randomBelow = randomBelow;
    }

    static Backoff standard() {
        return new Backoff(Duration.ofMillis(25), Duration.ofSeconds(1),
                bound -> java.util.concurrent.ThreadLocalRandom.current().nextLong(bound));
    }

    /** The pause before retry number {@code attempt} (0-based). */
    Duration delay(int attempt) {
        long ceiling = Math.min(cap.toMillis(), base.toMillis() << Math.min(attempt, 20));
        return Duration.ofMillis(randomBelow.applyAsLong(ceiling + 1));
    }
}
