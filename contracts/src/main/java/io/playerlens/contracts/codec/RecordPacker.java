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
 * <p>Events are grouped by a key (the player id for the events stream) and the key becomes the partition
 * key, so one player's events stay on one shard in the order they were sent — the feature job relies on
 * that. A game client's batch is one player's, so it usually becomes a single record; a batch that mixes
 * players costs one record per player (at least), which is the price of per-player ordering.
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
        Map<String, List<JsonNode>> groups = new LinkedHashMap<>();
        for (JsonNode event : events) {
            groups.computeIfAbsent(keyOf.apply(event), k -> new ArrayList<>()).add(event);
        }
        List<PackedRecord> records = new ArrayList<>();
        for (Map.Entry<String, List<JsonNode>> group : groups.entrySet()) {
            packGroup(group.getKey(), group.getValue(), records);
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
