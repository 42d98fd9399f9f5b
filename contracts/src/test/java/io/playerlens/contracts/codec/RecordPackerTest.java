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
    void aRelayBatchOfFiftyPlayers_becomesOneRecordPerShard_eachOnTheShardOfEveryPlayerInIt_inOrder() {
        ShardMap shards = ShardMap.even(4);
        List<ObjectNode> events = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            for (int p = 0; p < 50; p++) {
                events.add(event("player-" + p, i, ""));
            }
        }
        List<PackedRecord> records = packer.pack(events, e -> e.get("player_id").asText(), shards);

        assertThat(records).hasSize(4);
        assertThat(records.stream().mapToInt(PackedRecord::eventCount).sum()).isEqualTo(200);
        for (PackedRecord record : records) {
            String shard = shards.shardOf(record.partitionKey());
            List<JsonNode> inRecord = BatchCodec.decodeEvents(record.data());
            assertThat(inRecord).as("every player of the record is owned by the shard its partition key goes to")
                    .allSatisfy(e -> assertThat(shards.shardOf(e.get("player_id").asText())).isEqualTo(shard));
            java.util.Map<String, List<Integer>> levels = new java.util.HashMap<>();
            inRecord.forEach(e -> levels.computeIfAbsent(e.get("player_id").asText(), k -> new ArrayList<>()).add(e.get("props").get("level").asInt()));
            assertThat(levels.values()).as("each player's events in the order sent").allSatisfy(l -> assertThat(l).containsExactly(0, 1, 2, 3));
        }
        assertThat(packer.pack(events, e -> e.get("player_id").asText())).as("per player without a map").hasSize(50);
    }

    @Test
    void shardOf_followsKinesisMd5HashKeys_andTheRangesOfTheMap() {
        // MD5 of the key's UTF-8 bytes as an unsigned 128-bit integer, as Kinesis computes it (python3 hashlib reference).
        assertThat(ShardMap.hashKey("joueur-\u00e9")).isEqualTo(new java.math.BigInteger("144473580056925045244573105312544030351"));
        ShardMap one = ShardMap.even(1);
        assertThat(one.shardOf("anything")).isEqualTo("shardId-000000000000");
        ShardMap two = ShardMap.even(2);
        java.math.BigInteger half = java.math.BigInteger.ONE.shiftLeft(127);
        for (int i = 0; i < 100; i++) {
            String key = "k" + i;
            assertThat(two.shardOf(key)).isEqualTo(ShardMap.hashKey(key).compareTo(half) < 0 ? "shardId-000000000000" : "shardId-000000000001");
        }
        ShardMap gap = new ShardMap(List.of(new ShardMap.Range("s", java.math.BigInteger.ZERO, java.math.BigInteger.ONE)));
        assertThat(gap.shardOf("p-1")).as("a hash no open shard covers (a map read mid-reshard)").isNull();
        assertThat(packer.pack(List.of(event("p-1", 1, ""), event("p-2", 1, "")), e -> e.get("player_id").asText(), gap))
                .as("keys no shard covers are packed per key").hasSize(2);
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
