package io.playerlens.local.archive;

import io.playerlens.contracts.archive.ArchiveFileWriter;
import io.playerlens.contracts.archive.ArchiveLayout;
import io.playerlens.contracts.codec.BatchCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * What Firehose does on AWS, on one machine: reads the events and quarantine streams from their start and writes
 * every record as-is into the archive layout, with the offers API's decision lines ({@link #archiveDecision}) ({@link ArchiveLayout}, by the record's arrival time), making a file
 * visible each buffer interval, as Firehose delivers an object per buffer. The Spark jobs read what it writes.
 */
public final class LocalArchiver implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalArchiver.class);

    private final KinesisClient kinesis;
    private final Map<String, ArchiveFileWriter> writers = new HashMap<>();
    private final Map<String, String> iterators = new HashMap<>();
    private final Map<String, String> shardStream = new HashMap<>();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "local-archiver");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong archived = new AtomicLong();
    private final ArchiveFileWriter decisionWriter;
    private final AtomicLong decisionsArchived = new AtomicLong();
    private final Queue<String> decisions = new ConcurrentLinkedQueue<>();
    private final BatchCodec codec = new BatchCodec();
    private final Duration bufferInterval;
    private long lastFlush = System.nanoTime();

    /**
     * @param streams stream name → archive prefix ({@link ArchiveLayout#RAW} or {@link ArchiveLayout#QUARANTINE})
     * @param bufferInterval how long records buffer before their file appears (Firehose: 60 to 900 s)
     */
    public LocalArchiver(KinesisClient kinesis, Map<String, String> streams, Path root, Duration bufferInterval) {
        this.kinesis = kinesis;
        this.bufferInterval = bufferInterval;
        this.decisionWriter = new ArchiveFileWriter(root, ArchiveLayout.RAW, "local-decisions");
        streams.forEach((stream, prefix) -> {
            writers.put(stream, new ArchiveFileWriter(root, prefix, "local-" + stream));
            for (Shard shard : kinesis.listShards(b -> b.streamName(stream)).shards()) {
                String key = stream + "/" + shard.shardId();
                iterators.put(key, kinesis.getShardIterator(b -> b.streamName(stream).shardId(shard.shardId())
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator());
                shardStream.put(key, stream);
            }
        });
    }

    public LocalArchiver start() {
        poller.scheduleWithFixedDelay(this::pollSafely, 0, 200, TimeUnit.MILLISECONDS);
        return this;
    }

    /**
     * The offers API's decision lines ({@code offer_served} events), archived under the raw prefix with the players'
     * events — what the log subscription and its Firehose do on AWS. Takes a line from any thread, never blocks.
     */
    public void archiveDecision(String line) {
        decisions.add(line);
    }

    /** Stream records written so far (visible or still buffered). */
    public long recordsArchived() {
        return archived.get();
    }

    /** Decision lines written so far (visible or still buffered). */
    public long decisionsArchived() {
        return decisionsArchived.get();
    }

    /** Makes everything archived so far visible now, without waiting for the buffer interval. */
    public void flush() {
        try {
            poller.submit(this::flushAll).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("archive flush failed", e.getCause());
        }
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException e) {
            // The emulator may be restarting or stopping; the next poll retries from the same iterators.
            LOG.warn("archiver poll failed: {}", e.toString());
        }
    }

    private void poll() {
        for (String key : new ArrayList<>(iterators.keySet())) {
            String iterator = iterators.get(key);
            if (iterator == null) {
                continue;
            }
            GetRecordsResponse response = kinesis.getRecords(b -> b.shardIterator(iterator).limit(1000));
            ArchiveFileWriter writer = writers.get(shardStream.get(key));
            List<Record> records = response.records();
            for (Record record : records) {
                Instant arrival = record.approximateArrivalTimestamp() != null ? record.approximateArrivalTimestamp() : Instant.now();
                writer.append(arrival, record.data().asByteArrayUnsafe());
            }
            archived.addAndGet(records.size());
            iterators.put(key, response.nextShardIterator());
        }
        List<byte[]> lines = new ArrayList<>();
        for (String line = decisions.poll(); line != null; line = decisions.poll()) {
            lines.add(line.getBytes(StandardCharsets.UTF_8));
        }
        if (!lines.isEmpty()) {
            decisionWriter.append(Instant.now(), codec.encodeLines(lines));
            decisionsArchived.addAndGet(lines.size());
        }
        if (System.nanoTime() - lastFlush >= bufferInterval.toNanos()) {
            flushAll();
        }
    }

    private void flushAll() {
        writers.values().forEach(ArchiveFileWriter::flush);
        decisionWriter.flush();
        lastFlush = System.nanoTime();
    }

    @Override
    public void close() {
        try {
            flush();
        } finally {
            poller.shutdownNow();
        }
    }

}
