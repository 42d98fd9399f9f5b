package io.playerlens.ingest;

import java.time.Duration;

/** Pauses between retries; tests pass one that records pauses instead of sleeping. */
@FunctionalInterface
interface Sleeper {
    Sleeper THREAD = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
