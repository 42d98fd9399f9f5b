package io.playerlens.contracts.codec;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Which open shard of a stream owns which partition keys, as Kinesis decides it: the MD5 of the key's UTF-8 bytes,
 * read as an unsigned 128-bit number, falls in one shard's hash key range. Lets a producer put the events of many
 * players into one record per shard ({@link RecordPacker#pack(List, java.util.function.Function, ShardMap)}).
 */
public final class ShardMap {
    /** An open shard's hash key range, both ends included. */
    public static final class Range {
        private final String shardId;
        private final BigInteger start;
        private final BigInteger end;

        public Range(String shardId, BigInteger start, BigInteger end) {
            this.shardId = Objects.requireNonNull(shardId);
            this.start = Objects.requireNonNull(start);
            this.end = Objects.requireNonNull(end);
        }

        public String shardId() {
            return shardId;
        }

        public BigInteger start() {
            return start;
        }

        public BigInteger end() {
            return end;
        }

        @Override
        public String toString() {
            return shardId + "[" + start + ".." + end + "]";
        }
    }

    private final List<Range> ranges;

    /** @param openShards the stream's open shards (closed parents left out), in any order */
    public ShardMap(List<Range> openShards) {
        List<Range> sorted = new ArrayList<>(openShards);
        sorted.sort(Comparator.comparing(Range::start));
        this.ranges = List.copyOf(sorted);
    }

    public int shards() {
        return ranges.size();
    }

    /** Kinesis's hash of a partition key: MD5 of its UTF-8 bytes as an unsigned 128-bit integer. */
    public static BigInteger hashKey(String partitionKey) {
        try {
            return new BigInteger(1, MessageDigest.getInstance("MD5").digest(partitionKey.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JRE", e);
        }
    }

    /** The shard that owns the key; null when no open shard covers its hash (a map read mid-reshard). */
    public String shardOf(String partitionKey) {
        BigInteger hash = hashKey(partitionKey);
        int low = 0;
        int high = ranges.size() - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            Range range = ranges.get(mid);
            if (hash.compareTo(range.start()) < 0) {
                high = mid - 1;
            } else if (hash.compareTo(range.end()) > 0) {
                low = mid + 1;
            } else {
                return range.shardId();
            }
        }
        return null;
    }

    public boolean contains(String shardId) {
        return ranges.stream().anyMatch(r -> r.shardId().equals(shardId));
    }

    /** {@code count} shards splitting the hash space evenly, as CreateStream makes them (for tests and benchmarks). */
    public static ShardMap even(int count) {
        BigInteger space = BigInteger.ONE.shiftLeft(128);
        List<Range> ranges = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            BigInteger start = space.multiply(BigInteger.valueOf(i)).divide(BigInteger.valueOf(count));
            BigInteger end = space.multiply(BigInteger.valueOf(i + 1L)).divide(BigInteger.valueOf(count)).subtract(BigInteger.ONE);
            ranges.add(new Range(String.format("shardId-%012d", i), start, end));
        }
        return new ShardMap(ranges);
    }

    @Override
    public String toString() {
        return "ShardMap" + ranges;
    }
}
