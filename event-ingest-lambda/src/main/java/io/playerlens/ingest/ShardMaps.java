package io.playerlens.ingest;

import io.playerlens.contracts.codec.ShardMap;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * The events stream's shard map, so a batch of many players becomes about one record per shard. Read with
 * ListShards at request time — never in the constructor, which SnapStart runs once at publish time — and kept for
 * {@code ttl}; read again sooner when a put lands on a shard the map does not know (the stream resharded). When it
 * cannot be read, the last map is kept, or records are packed per player until it can (correct, only more records).
 * A ttl of zero turns packing by shard off.
 */
final class ShardMaps {
    private static final Logger LOG = LoggerFactory.getLogger(ShardMaps.class);
    /** After a failed read, wait this long before the next try (a request must not pay for ListShards every time). */
    private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(5);

    private final KinesisClient kinesis;
    private final String stream;
    private final Duration ttl;
    private final LongSupplier nanoTime;
    private volatile ShardMap map;
    private volatile long nextReadAt = Long.MIN_VALUE;

    ShardMaps(KinesisClient kinesis, String stream, Duration ttl, LongSupplier nanoTime) {
        this.kinesis = kinesis;
        this.stream = stream;
        this.ttl = ttl;
        this.nanoTime = nanoTime;
    }

    /** The current map; null when packing by shard is off or no map could be read yet. */
    ShardMap current() {
        if (ttl.isZero()) {
            return null;
        }
        long now = nanoTime.getAsLong();
        if (map == null && nextReadAt == Long.MIN_VALUE || now - nextReadAt >= 0) {
            read(now);
        }
        return map;
    }

    /** The shards the last put landed on: one the map does not know means the stream resharded. */
    void landedOn(Collection<String> shardIds) {
        ShardMap known = map;
        if (known != null && shardIds.stream().anyMatch(id -> id != null && !known.contains(id))) {
            LOG.info("a record of stream {} landed on a shard the map does not know: reading the shard map again", stream);
            nextReadAt = nanoTime.getAsLong();
        }
    }

    private synchronized void read(long now) {
        if (map != null && now - nextReadAt < 0) {
            return; // another request read it meanwhile
        }
        try {
            List<ShardMap.Range> open = new ArrayList<>();
            String next = null;
            do {
                String token = next;
                ListShardsResponse page = token == null ? kinesis.listShards(b -> b.streamName(stream))
                        : kinesis.listShards(b -> b.nextToken(token));
                for (Shard shard : page.shards()) {
                    if (shard.sequenceNumberRange() == null || shard.sequenceNumberRange().endingSequenceNumber() == null) {
                        open.add(new ShardMap.Range(shard.shardId(), new BigInteger(shard.hashKeyRange().startingHashKey()),
                                new BigInteger(shard.hashKeyRange().endingHashKey())));
                    }
                }
                next = page.nextToken();
            } while (next != null);
            map = open.isEmpty() ? null : new ShardMap(open);
            nextReadAt = now + ttl.toNanos();
        } catch (RuntimeException e) { // whatever it is, a shard map must never fail a batch
            LOG.warn("cannot read the shard map of stream {} ({}); packing {}", stream, e.toString(),
                    map == null ? "per player until it can be read" : "with the last map");
            nextReadAt = now + RETRY_AFTER_FAILURE.toNanos();
        }
    }
}
