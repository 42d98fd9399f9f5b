package io.playerlens.contracts.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RecordPackerTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final RecordPacker packer = new RecordPacker(new BatchCodec(), RecordLimits.KINESIS, MAPPER);

    private static ObjectNode event(String player, int i, String payload) {
        ObjectNode e = MAPPER.createObjectNode();
        e.put("event_id", UUID.nameUUIDFromBytes((player + i).getBytes()).toString());
        e.put("player_id", player);
        e.put("type", "level_complete");
        e.put("ts", 1_790_000_000_000L + i);
        e.putObject("props").put("level", i).put("blob", payload);
        return e;
    }

    /** Random hex barely compresses, so record sizes are driven by the payload size. */
    private static String incompressible(Random random, int chars) {
        StringBuilder sb = new StringBuilder(chars);
        while (sb.length() < chars) {
            sb.append(Long.toHexString(random.nextLong()));
        }
        return sb.substring(0, chars);
    }

    private static List<String> eventIds(List<PackedRecord> records) {
        List<String> ids = new ArrayList<>();
        for (PackedRecord r : records) {
            for (JsonNode e : BatchCodec.decodeEvents(r.data())) {
                ids.add(e.get("event_id").asText());
            }
        }
        return ids;
    }

    @Test
    void onePlayersBatch_becomesOneRecord_keyedByPlayer() {
        List<ObjectNode> events = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            events.add(event("p-1", i, "x"));
        }
        List<PackedRecord> records = packer.pack(events, e -> e.get("player_id").asText());

        assertThat(records).hasSize(1);
        assertThat(records.get(0).partitionKey()).isEqualTo("p-1");
        assertThat(records.get(0).eventCount()).isEqualTo(50);
        assertThat(eventIds(records)).containsExactlyElementsOf(events.stream().map(e -> e.get("event_id").asText()).toList());
    }

    @Test
    void mixedPlayers_areGroupedPerPlayer_keepingEachPlayersOrder() {
        List<ObjectNode> events = List.of(event("a", 1, ""), event("b", 1, ""), event("a", 2, ""), event("b", 2, ""));
        List<PackedRecord> records = packer.pack(events, e -> e.get("player_id").asText());

        assertThat(records).extracting(PackedRecord::partitionKey).containsExactly("a", "b");
        assertThat(BatchCodec.decodeEvents(records.get(0).data())).extracting(e -> e.get("props").get("level").asInt()).containsExactly(1, 2);
    }

    @Test
    void recordsStayWithinOnePutPayloadUnit_whenABatchDoesNotFitInOne() {
        Random random = new Random(7);
        List<ObjectNode> events = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            events.add(event("p-1", i, incompressible(random, 400)));
        }
        List<PackedRecord> records = packer.pack(events, e -> e.get("player_id").asText());

        assertThat(records.size()).isGreaterThan(1);
        assertThat(records).allSatisfy(r -> assertThat(r.billedBytes()).isLessThanOrEqualTo(RecordLimits.PUT_PAYLOAD_UNIT_BYTES));
        // Not wastefully small either: all but the last record use most of their unit.
        assertThat(records.subList(0, records.size() - 1))
                .allSatisfy(r -> assertThat(r.billedBytes()).isGreaterThan(RecordLimits.PUT_PAYLOAD_UNIT_BYTES * 8 / 10));
        assertThat(eventIds(records)).containsExactlyElementsOf(events.stream().map(e -> e.get("event_id").asText()).toList());
    }

    @Test
    void aSingleEventLargerThanAUnit_getsARecordOfItsOwn_underTheRecordLimit() {
        Random random = new Random(11);
        List<ObjectNode> events = List.of(event("p", 1, "small"), event("p", 2, incompressible(random, 60_000)), event("p", 3, "small"));
        List<PackedRecord> records = packer.pack(events, e -> e.get("player_id").asText());

        assertThat(records).extracting(PackedRecord::eventCount).containsExactly(1, 1, 1);
        assertThat(records.get(1).billedBytes()).isGreaterThan(RecordLimits.PUT_PAYLOAD_UNIT_BYTES)
                .isLessThanOrEqualTo(RecordLimits.MAX_RECORD_BYTES);
    }

    @Test
    void anEventAboveTheRecordLimit_isRefused() {
        RecordPacker tight = new RecordPacker(new BatchCodec(), new RecordLimits(1024, 2048), MAPPER);
        List<ObjectNode> events = List.of(event("p", 1, incompressible(new Random(3), 4000)));

        assertThatThrownBy(() -> tight.pack(events, e -> e.get("player_id").asText()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("above the 2048-byte record limit");
    }

    @Test
    void recordsNeverExceedTheMaximum_atTheBoundary() {
        Random random = new Random(5);
        RecordPacker tight = new RecordPacker(new BatchCodec(), new RecordLimits(1024, 4096), MAPPER);
        List<ObjectNode> events = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            events.add(event("p", i, incompressible(random, 100 + random.nextInt(2500))));
        }
        List<PackedRecord> records = tight.pack(events, e -> e.get("player_id").asText());

        assertThat(records).allSatisfy(r -> {
            assertThat(r.billedBytes()).isLessThanOrEqualTo(4096);
            if (r.eventCount() > 1) {
                assertThat(r.billedBytes()).isLessThanOrEqualTo(1024);
            }
        });
        assertThat(records.stream().mapToInt(PackedRecord::eventCount).sum()).isEqualTo(40);
    }
}
