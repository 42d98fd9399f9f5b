package io.playerlens.ingest;

import io.playerlens.contracts.codec.PackedRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

/**
 * Puts packed records with PutRecords: at most 500 records and 5 MiB per call; when Kinesis accepts only part
 * of a call, only the failed records are retried, with exponential backoff and jitter, until the retry
 * budget is spent. Then {@link IngestException.StreamUnavailable} (503) tells the client to retry.
 */
final class KinesisPublisher {
    static final int MAX_RECORDS_PER_CALL = 500;
    static final int MAX_BYTES_PER_CALL = 5 * 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(KinesisPublisher.class);

    private final KinesisClient kinesis;
    private final Backoff backoff;
    private final Sleeper sleeper;
    private final LongSupplier nanoTime;
    private final Duration budget;
    private final IngestMetrics metrics;

    KinesisPublisher(KinesisClient kinesis, Backoff backoff, Sleeper sleeper, LongSupplier nanoTime, Duration budget, IngestMetrics metrics) {
        this.kinesis = kinesis;
        this.backoff = backoff;
        this.sleeper = sleeper;
        this.nanoTime = nanoTime;
        this.budget = budget;
        this.metrics = metrics;
    }

    /** Puts every record (or throws {@link IngestException.StreamUnavailable}); returns the shards they landed on. */
    java.util.Set<String> publish(String stream, List<PackedRecord> records) {
        long deadline = nanoTime.getAsLong() + budget.toNanos();
        java.util.Set<String> shards = new java.util.HashSet<>();
        for (List<PackedRecord> call : calls(records)) {
            putWithRetries(stream, call, deadline, shards);
        }
        return shards;
    }

    /** Splits records into PutRecords calls within the per-call limits, keeping their order. */
    static List<List<PackedRecord>> calls(List<PackedRecord> records) {
        List<List<PackedRecord>> calls = new ArrayList<>();
        List<PackedRecord> current = new ArrayList<>();
        long bytes = 0;
        for (PackedRecord record : records) {
            if (!current.isEmpty() && (current.size() == MAX_RECORDS_PER_CALL || bytes + record.billedBytes() > MAX_BYTES_PER_CALL)) {
                calls.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(record);
            bytes += record.billedBytes();
        }
        if (!current.isEmpty()) {
            calls.add(current);
        }
        return calls;
    }

    /** The shortest time a PutRecords call is given, even when the budget is nearly spent. */
    static final Duration MIN_CALL_TIMEOUT = Duration.ofMillis(200);

    private void putWithRetries(String stream, List<PackedRecord> call, long deadline, java.util.Set<String> shards) {
        List<PackedRecord> pending = call;
        String lastError = null;
        for (int attempt = 0; ; attempt++) {
            try {
                List<PutRecordsRequestEntry> entries = entries(pending);
                // No call outlives the budget: a Kinesis that stops answering is a 503 within it, not a request that hangs.
                Duration left = Duration.ofNanos(Math.max(MIN_CALL_TIMEOUT.toNanos(), deadline - nanoTime.getAsLong()));
                PutRecordsResponse response = kinesis.putRecords(b -> b.streamName(stream).records(entries)
                        .overrideConfiguration(o -> o.apiCallTimeout(left)));
                response.records().forEach(r -> {
                    if (r.errorCode() == null && r.shardId() != null) {
                        shards.add(r.shardId());
                    }
                });
                if (response.failedRecordCount() == null || response.failedRecordCount() == 0) {
                    metrics.recordsPut(pending.size(), pending.stream().mapToLong(PackedRecord::billedBytes).sum());
                    return;
                }
                List<PackedRecord> failed = new ArrayList<>();
                List<PutRecordsResultEntry> results = response.records();
                for (int i = 0; i < results.size(); i++) {
                    if (results.get(i).errorCode() != null) {
                        failed.add(pending.get(i));
                        lastError = results.get(i).errorCode() + ": " + results.get(i).errorMessage();
                    }
                }
                metrics.recordsPut(pending.size() - failed.size(),
                        pending.stream().mapToLong(PackedRecord::billedBytes).sum() - failed.stream().mapToLong(PackedRecord::billedBytes).sum());
                pending = failed;
            } catch (ResourceNotFoundException e) {
                // Not transient: the stream is missing or misnamed. Retrying would only delay the 503.
                metrics.streamUnavailable();
                throw new IngestException.StreamUnavailable("stream " + stream + " does not exist", e);
            } catch (KinesisException e) {
                lastError = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorCode() + ": " + e.getMessage();
            } catch (SdkException e) {
                lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            metrics.putRetries(pending.size());
            Duration pause = backoff.delay(attempt);
            if (nanoTime.getAsLong() + pause.toNanos() > deadline) {
                metrics.streamUnavailable();
                LOG.error("giving up on {} of {} records for stream {} after {} attempts; last error: {}",
                        pending.size(), call.size(), stream, attempt + 1, lastError);
                throw new IngestException.StreamUnavailable("Kinesis did not accept " + pending.size() + " of "
                        + call.size() + " records within the retry budget (last error: " + lastError + ")", null);
            }
            LOG.warn("retrying {} records for stream {} in {} ms (attempt {}); last error: {}",
                    pending.size(), stream, pause.toMillis(), attempt + 1, lastError);
            try {
                sleeper.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IngestException.StreamUnavailable("interrupted while retrying PutRecords", e);
            }
        }
    }

    private static List<PutRecordsRequestEntry> entries(List<PackedRecord> records) {
        List<PutRecordsRequestEntry> entries = new ArrayList<>(records.size());
        for (PackedRecord record : records) {
            entries.add(PutRecordsRequestEntry.builder()
                    .partitionKey(record.partitionKey())
                    .data(SdkBytes.fromByteArrayUnsafe(record.data()))
                    .build());
        }
        return entries;
    }
}
