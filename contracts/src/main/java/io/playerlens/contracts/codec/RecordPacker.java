package io.playerlens.contracts.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Packs events into as few Kinesis records as the limits allow.
 *
 * <p>Events are grouped so that each of a key's events (the player id for the events stream) lands on the shard
 * Kinesis assigns that key, in the order they were sent — the feature job relies on a player's events reaching it
 * through one shard. With the stream's {@link ShardMap}, every key owned by the same shard shares the group, and the
 * record's partition key is one of them (so Kinesis routes the record to that shard): a batch that mixes players
 * costs about one record per shard, not one per player. Without a map, each key is its own group (one record per
 * player at least). What happens while the stream reshards: docs/record-format.md.
 */
public final class RecordPacker {
    /** Shrink a little below the proportional estimate so the second try usually fits. */
    private static final double SHRINK_MARGIN = 0.95;

    private final BatchCodec codec;
    private final RecordLimits limits;
    private final ObjectMapper mapper;

    public RecordPacker(BatchCodec codec, RecordLimits limits, ObjectMapper mapper) {
        this.codec = codec;
        this.limits = limits;
        this.mapper = mapper;
    }

    /** Groups {@code events} by {@code keyOf} (first-seen order) and packs each group. */
    public List<PackedRecord> pack(List<? extends JsonNode> events, Function<JsonNode, String> keyOf) {
        return pack(events, keyOf, null);
    }

    /**
     * Groups {@code events} by the shard that owns their key (first-seen order; events keep their order within a
     * group) and packs each group under the partition key of its first event. With no map, or for a key no open
     * shard covers, groups by key.
     */
    public List<PackedRecord> pack(List<? extends JsonNode> events, Function<JsonNode, String> keyOf, ShardMap shards) {
        Map<String, List<JsonNode>> groups = new LinkedHashMap<>();
        Map<String, String> partitionKeys = new LinkedHashMap<>();
        for (JsonNode event : events) {
            String key = keyOf.apply(event);
            String shard = shards == null ? null : shards.shardOf(key);
            String group = shard == null ? "key:" + key : "shard:" + shard;
            groups.computeIfAbsent(group, g -> new ArrayList<>()).add(event);
            partitionKeys.putIfAbsent(group, key);
        }
        List<PackedRecord> records = new ArrayList<>();
        for (Map.Entry<String, List<JsonNode>> group : groups.entrySet()) {
            packGroup(partitionKeys.get(group.getKey()), group.getValue(), records);
        }
        return records;
    }

    private void packGroup(String key, List<JsonNode> events, List<PackedRecord> out) {
        int keyBytes = key.getBytes(StandardCharsets.UTF_8).length;
        ByteArrayOutputStream ndjson = new ByteArrayOutputStream(events.size() * 320);
        int[] lineStart = new int[events.size() + 1];
        for (int i = 0; i < events.size(); i++) {
            lineStart[i] = ndjson.size();
            byte[] line = serialize(events.get(i));
            ndjson.write(line, 0, line.length);
            ndjson.write('\n');
        }
        lineStart[events.size()] = ndjson.size();
        byte[] all = ndjson.toByteArray();

        int first = 0;
        while (first < events.size()) {
            int count = events.size() - first;
            byte[] data = encode(all, lineStart, first, count);
            while (data.length + keyBytes > limits.targetBytes() && count > 1) {
                int estimate = (int) (count * SHRINK_MARGIN * limits.targetBytes() / (data.length + keyBytes));
                count = Math.max(1, Math.min(count - 1, estimate));
                data = encode(all, lineStart, first, count);
            }
            if (data.length + keyBytes > limits.maxBytes()) {
                throw new IllegalArgumentException("one event encodes to " + (data.length + keyBytes)
                        + " bytes, above the " + limits.maxBytes() + "-byte record limit");
            }
            out.add(new PackedRecord(key, data, count));
            first += count;
        }
    }

    private byte[] encode(byte[] all, int[] lineStart, int first, int count) {
        return codec.encode(all, lineStart[first], lineStart[first + count] - lineStart[first]);
    }

    private byte[] serialize(JsonNode event) {
        try {
            return mapper.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise an event tree", e);
        }
    }
}
