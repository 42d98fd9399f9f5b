package io.playerlens.features;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.playerlens.contracts.codec.BatchCodec;
import io.playerlens.contracts.codec.RecordLimits;
import io.playerlens.contracts.codec.RecordPacker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Test events in the stream form, and the records ingest would pack them into. */
final class Events {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final Instant BEGINNING = Instant.parse("2026-11-01T00:00:00Z");
    static final String GAME = "space-race";
    private static final RecordPacker PACKER = new RecordPacker(new BatchCodec(), RecordLimits.KINESIS, MAPPER);

    private Events() {
    }

    static Instant at(Duration sinceBeginning) {
        return BEGINNING.plus(sinceBeginning);
    }

    /** An event at {@code time}; {@code props} alternate names and values. */
    static ObjectNode event(String player, String type, Instant time, Object... props) {
        ObjectNode e = MAPPER.createObjectNode();
        e.put("event_id", UUID.randomUUID().toString());
        e.put("player_id", player);
        e.put("game_id", GAME);
        e.put("type", type);
        e.put("ts", time.toEpochMilli());
        e.put("received_at", time.toEpochMilli() + 50);
        ObjectNode p = e.putObject("props");
        for (int i = 0; i < props.length; i += 2) {
            Object v = props[i + 1];
            if (v instanceof Integer n) {
                p.put((String) props[i], n);
            } else if (v instanceof Long n) {
                p.put((String) props[i], n);
            } else if (v instanceof Double n) {
                p.put((String) props[i], n);
            } else {
                p.put((String) props[i], String.valueOf(v));
            }
        }
        return e;
    }

    /** Packs events as ingest does (per player, in the given order) into one record list. */
    static List<byte[]> records(List<ObjectNode> events) {
        List<byte[]> records = new ArrayList<>();
        PACKER.pack(events, e -> e.get("player_id").asText()).forEach(r -> records.add(r.data()));
        return records;
    }
}
