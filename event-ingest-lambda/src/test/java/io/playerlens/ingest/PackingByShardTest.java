package io.playerlens.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.playerlens.contracts.codec.BatchCodec;
import io.playerlens.contracts.codec.ShardMap;
import io.playerlens.contracts.config.EnvVars;
import io.playerlens.contracts.event.PlayerKey;
import io.playerlens.lambda.ApiKeys;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A game server's batch of many players costs about one record per shard, read from a shard map kept at request time. */
class PackingByShardTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-26T08:00:00Z");

    private final FakeKinesis kinesis = new FakeKinesis();

    private IngestHandler handler(String ttlMs) {
        Map<String, String> env = new HashMap<>(Map.of(EnvVars.EVENTS_STREAM_NAME, "events", EnvVars.QUARANTINE_STREAM_NAME, "quarantine",
                EnvVars.API_KEY_HASHES, "space-race:" + ApiKeys.sha256Hex("k"), EnvVars.PUT_RETRY_BUDGET_MS, "100"));
        if (ttlMs != null) {
            env.put(EnvVars.SHARD_MAP_TTL_MS, ttlMs);
        }
        return new IngestHandler(IngestConfig.fromEnv(env), kinesis, IngestMetrics.NONE, Clock.fixed(NOW, ZoneOffset.UTC), d -> { });
    }

    /** 50 players, 4 events each, interleaved as a relaying game server queues them. */
    private static com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent relayBatch() {
        ObjectNode body = MAPPER.createObjectNode();
        ArrayNode events = body.putArray("events");
        for (int i = 0; i < 4; i++) {
            for (int p = 0; p < 50; p++) {
                ObjectNode e = events.addObject();
                e.put("event_id", String.format("event-%03d-%d", p, i));
                e.put("player_id", "player-" + p);
                e.put("type", "level_complete");
                e.put("ts", NOW.minusSeconds(10 - i).toEpochMilli());
                e.putObject("props").put("level", i).put("duration_s", 30);
            }
        }
        com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent event = ApiGatewayEvents.postEvents(body.toString());
        event.getHeaders().put("x-api-key", "k");
        return event;
    }

    private java.util.List<FakeKinesis.Put> events() {
        return kinesis.stored.stream().filter(p -> p.stream().equals("events")).toList();
    }

    @Test
    void aFiftyPlayerBatch_isOneRecordPerShard_eachPlayersEventsInOrderOnItsOwnShard() {
        kinesis.shards = ShardMap.even(2);
        IngestHandler handler = handler(null);
        assertThat(kinesis.listShardsCalls).as("nothing is read in the constructor (SnapStart runs it at publish time)").isZero();

        assertThat(handler.handleRequest(relayBatch(), null).getStatusCode()).isEqualTo(200);

        assertThat(events()).hasSize(2);
        for (FakeKinesis.Put put : events()) {
            String shard = kinesis.shards.shardOf(put.entry().partitionKey());
            Map<String, Integer> lastLevel = new HashMap<>();
            for (JsonNode e : BatchCodec.decodeEvents(put.entry().data().asByteArray())) {
                assertThat(kinesis.shards.shardOf(PlayerKey.value(e.get("game_id").asText(), e.get("player_id").asText())))
                        .as("the player is keyed game/player").isEqualTo(shard);
                Integer previous = lastLevel.put(e.get("player_id").asText(), e.get("props").get("level").asInt());
                assertThat(previous == null ? -1 : previous).isLessThan(e.get("props").get("level").asInt());
            }
        }
        handler.handleRequest(relayBatch(), null);
        assertThat(kinesis.listShardsCalls).as("the map is kept between requests").isEqualTo(1);
    }

    @Test
    void aPutOnAShardTheMapDoesNotKnow_makesTheNextRequestReadTheMapAgain() {
        kinesis.shards = ShardMap.even(2);
        IngestHandler handler = handler(null);
        handler.handleRequest(relayBatch(), null);
        kinesis.shards = ShardMap.even(4); // the stream resharded: puts now land on shards the cached map lacks

        handler.handleRequest(relayBatch(), null);
        handler.handleRequest(relayBatch(), null);

        assertThat(kinesis.listShardsCalls).isEqualTo(2);
        assertThat(events()).as("2 records, then 2 on the stale map, then 4 on the new one").hasSize(8);
    }

    @Test
    void aShardMapThatCannotBeRead_costsRecordsNeverTheBatch() {
        kinesis.shards = ShardMap.even(2);
        kinesis.listShardsFails = new IllegalStateException("ListShards throttled");

        assertThat(handler(null).handleRequest(relayBatch(), null).getStatusCode()).isEqualTo(200);
        assertThat(events()).as("one record per player").hasSize(50);
    }

    @Test
    void ttlZero_packsPerPlayer_withoutListShards() {
        kinesis.shards = ShardMap.even(2);

        handler("0").handleRequest(relayBatch(), null);

        assertThat(kinesis.listShardsCalls).isZero();
        assertThat(events()).hasSize(50);
    }
}
