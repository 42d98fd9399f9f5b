package io.playerlens.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.playerlens.contracts.codec.PackedRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

class KinesisPublisherTest {
    private final FakeKinesis kinesis = new FakeKinesis();
    private final AtomicLong fakeNanos = new AtomicLong();
    private final List<Duration> pauses = new ArrayList<>();
    private final Sleeper recordingSleeper = d -> {
        pauses.add(d);
        fakeNanos.addAndGet(d.toNanos());
    };
    /** No jitter: the pause is the full exponential ceiling, so tests know it. */
    private final Backoff noJitter = new Backoff(Duration.ofMillis(25), Duration.ofSeconds(1), bound -> bound - 1);

    private KinesisPublisher publisher(Duration budget) {
        return new KinesisPublisher(kinesis, noJitter, recordingSleeper, fakeNanos::get, budget, IngestMetrics.NONE);
    }

    private static List<PackedRecord> records(int n, int bytes) {
        List<PackedRecord> records = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            records.add(new PackedRecord("p" + i, new byte[bytes], 1));
        }
        return records;
    }

    @Test
    void putRecords_retriesOnlyFailedRecords_whenPartialFailure() {
        kinesis.failWhen = (call, entry) -> call == 1 && (entry.partitionKey().equals("p1") || entry.partitionKey().equals("p3"))
                ? "ProvisionedThroughputExceededException" : null;

        publisher(Duration.ofSeconds(3)).publish("events", records(5, 10));

        assertThat(kinesis.calls).hasSize(2);
        assertThat(kinesis.calls.get(1).records()).extracting(e -> e.partitionKey()).containsExactly("p1", "p3");
        assertThat(kinesis.stored).hasSize(5);
        assertThat(pauses).containsExactly(Duration.ofMillis(25));
    }

    @Test
    void backoff_growsExponentially_untilTheBudgetIsSpent_thenStreamUnavailable() {
        kinesis.failWhen = (call, entry) -> "ProvisionedThroughputExceededException";

        assertThatThrownBy(() -> publisher(Duration.ofMillis(500)).publish("events", records(2, 10)))
                .isInstanceOf(IngestException.StreamUnavailable.class)
                .hasMessageContaining("Kinesis did not accept 2 of 2 records within the retry budget")
                .hasMessageContaining("ProvisionedThroughputExceededException");
        assertThat(pauses).containsExactly(Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void transportErrors_areRetriedToo() {
        kinesis.throwOnCall = SdkClientException.create("connection reset");
        assertThatThrownBy(() -> publisher(Duration.ofMillis(100)).publish("events", records(1, 10)))
                .isInstanceOf(IngestException.StreamUnavailable.class)
                .hasMessageContaining("connection reset");
        assertThat(kinesis.calls.size()).isGreaterThan(1);
    }

    @Test
    void missingStream_failsAtOnce_withoutRetrying() {
        kinesis.throwOnCall = ResourceNotFoundException.builder().message("Stream events not found").build();
        assertThatThrownBy(() -> publisher(Duration.ofSeconds(3)).publish("events", records(1, 10)))
                .isInstanceOf(IngestException.StreamUnavailable.class)
                .hasMessage("stream events does not exist");
        assertThat(kinesis.calls).hasSize(1);
    }

    @Test
    void calls_holdAtMost500Records() {
        List<List<PackedRecord>> calls = KinesisPublisher.calls(records(1201, 10));
        assertThat(calls).extracting(List::size).containsExactly(500, 500, 201);
    }

    @Test
    void calls_holdAtMost5MiB() {
        List<List<PackedRecord>> calls = KinesisPublisher.calls(records(12, 1_000_000));
        assertThat(calls).extracting(List::size).containsExactly(5, 5, 2);
        assertThat(calls).allSatisfy(c -> assertThat(c.stream().mapToLong(PackedRecord::billedBytes).sum()).isLessThanOrEqualTo(5 * 1024 * 1024));
    }

    @Test
    void jitter_staysWithinTheExponentialCeiling() {
        Backoff jittered = Backoff.standard();
        for (int attempt = 0; attempt < 10; attempt++) {
            long ceiling = Math.min(1000, 25L << attempt);
            for (int i = 0; i < 50; i++) {
                assertThat(jittered.delay(attempt).toMillis()).isBetween(0L, ceiling);
            }
        }
    }
}
