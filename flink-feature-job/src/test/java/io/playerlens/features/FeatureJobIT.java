package io.playerlens.features;

import static io.playerlens.features.Events.at;
import static io.playerlens.features.Events.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.playerlens.contracts.config.FeatureJobProperties;
import io.playerlens.contracts.event.PlayerKey;
import io.playerlens.contracts.profile.ProfileItem;
import io.playerlens.emulators.LocalAws;
import io.playerlens.store.ProfileItemCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The job with its real connectors: kinesalite → Flink (MiniCluster) → dynalite. */
class FeatureJobIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());

    private static LocalAws aws;

    @BeforeAll
    static void emulators() {
        aws = LocalAws.shared();
    }

    /** The job's properties against the emulators; its dead letters go to {@code <stream>-dead}, created here. */
    static JobProperties properties(String stream, String table) {
        aws.createStream(stream + "-dead", 1);
        return new JobProperties(FeatureJobProperties.of(stream, stream + "-dead", table)
                .againstEmulators(LocalAws.REGION.id(), aws.kinesisEndpoint().toString(), aws.dynamoDbEndpoint().toString())
                .with(FeatureJobProperties.JOB_GROUP, FeatureJobProperties.CHECKPOINT_INTERVAL_MS, "500"));
    }

    static void put(String stream, List<ObjectNode> events) {
        for (byte[] record : Events.records(events)) {
            String key = io.playerlens.contracts.codec.BatchCodec.decodeEvents(record).get(0).get("player_id").asText();
            aws.kinesis().putRecord(b -> b.streamName(stream).partitionKey(key).data(SdkBytes.fromByteArray(record)));
        }
    }

    static Map<String, AttributeValue> profile(String table, String player) {
        return aws.dynamoDb().getItem(b -> b.tableName(table).key(ProfileItemCodec.key(PlayerKey.of(Events.GAME, player)))).item();
    }

    /** The newest retained checkpoint of any job under {@code root}, once one completed after {@code after}. */
    static java.nio.file.Path checkpointAfter(java.nio.file.Path root, long after) throws Exception {
        if (!java.nio.file.Files.exists(root)) {
            return null;
        }
        try (var paths = java.nio.file.Files.walk(root, 3)) {
            return paths.filter(p -> p.getFileName().toString().startsWith("chk-"))
                    .filter(p -> java.nio.file.Files.exists(p.resolve("_metadata")))
                    .filter(p -> p.resolve("_metadata").toFile().lastModified() > after)
                    .max(java.util.Comparator.comparingInt(p -> Integer.parseInt(p.getFileName().toString().substring(4))))
                    .orElse(null);
        }
    }

    static long n(Map<String, AttributeValue> item, String feature) {
        return Long.parseLong(item.get(ProfileItem.FEATURES).m().get(feature).n());
    }

    @Test
    void restartFromTheLatestCheckpoint_losesNoEvent_andCountsNoneTwice() throws Exception {
        String stream = "events-" + UUID.randomUUID();
        String table = "profiles-" + UUID.randomUUID();
        java.nio.file.Path checkpoints = java.nio.file.Path.of("target", "checkpoints", stream).toAbsolutePath();
        aws.createStream(stream, 2);
        aws.createTable(table, ProfileItem.KEY);
        JobProperties props = properties(stream, table).with(FeatureJobSettings.GROUP, "checkpoint.dir", checkpoints.toUri().toString());

        List<ObjectNode> before = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            before.add(event("r-" + (i % 3), "purchase", at(Duration.ofMinutes(i)), "sku", "s", "price_cents", 10, "currency", "USD"));
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        JobClient first = FeatureJob.start(env, props);
        java.nio.file.Path checkpoint;
        try {
            put(stream, before);
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                Map<String, AttributeValue> item = profile(table, "r-0");
                return item.containsKey(ProfileItem.FEATURES) && n(item, "purchases_total") == 2
                        && profile(table, "r-2").containsKey(ProfileItem.FEATURES) && n(profile(table, "r-2"), "purchases_total") == 2;
            });
            long seenAt = System.currentTimeMillis();
            await().atMost(Duration.ofSeconds(30)).until(() -> checkpointAfter(checkpoints, seenAt) != null);
            checkpoint = checkpointAfter(checkpoints, seenAt);
        } finally {
            first.cancel().get();
        }

        // While the job is down: new events, and a client re-sending part of the first batch.
        List<ObjectNode> after = new ArrayList<>();
        for (int i = 6; i < 9; i++) {
            after.add(event("r-" + (i % 3), "purchase", at(Duration.ofMinutes(i)), "sku", "s", "price_cents", 10, "currency", "USD"));
        }
        after.addAll(before.subList(0, 3));
        put(stream, after);

        org.apache.flink.configuration.Configuration restore = new org.apache.flink.configuration.Configuration();
        restore.set(org.apache.flink.runtime.jobgraph.SavepointConfigOptions.SAVEPOINT_PATH, checkpoint.toUri().toString());
        StreamExecutionEnvironment restarted = StreamExecutionEnvironment.getExecutionEnvironment(restore);
        restarted.setParallelism(2);
        // LATEST proves the restore: only the checkpointed shard positions can bring back the events put while down.
        JobClient second = FeatureJob.start(restarted, props.with(Connectors.SOURCE_GROUP, "flink.stream.initpos", "LATEST"));
        try {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                for (int p = 0; p < 3; p++) {
                    Map<String, AttributeValue> item = profile(table, "r-" + p);
                    assertThat(n(item, "purchases_total")).as("purchases of r-" + p).isEqualTo(3);
                    assertThat(n(item, "spend_total_cents")).isEqualTo(30);
                }
            });
        } finally {
            second.cancel().get();
        }
    }

    /**
     * Windowed features from tiles, on a quiet stream (no traffic after the events, so no watermark ever passes them):
     * a purchase shows in {@code purchases_24h} in the same write as in {@code purchases_total}; one made 25 h ago does
     * not count in the 24 h read now, with no new event; an event that arrives late, behind the watermark, but inside
     * the window, counts.
     */
    @Test
    void windowedFeatures_areAsFreshAsLifetimeOnes_andExactAtReadTime() throws Exception {
        String stream = "events-" + UUID.randomUUID();
        String table = "profiles-" + UUID.randomUUID();
        aws.createStream(stream, 1);
        aws.createTable(table, ProfileItem.KEY);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        JobClient job = FeatureJob.start(env, properties(stream, table));
        try {
            java.time.Instant now = java.time.Instant.now();
            put(stream, List.of(
                    event("quiet", "purchase", now.minus(Duration.ofHours(25)), "sku", "old", "price_cents", 900, "currency", "USD"),
                    event("quiet", "purchase", now, "sku", "new", "price_cents", 499, "currency", "USD")));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                Map<String, Object> features = io.playerlens.store.ProfileStore.features(aws.dynamoDb(), table, PlayerKey.of(Events.GAME, "quiet")).orElse(Map.of());
                assertThat(features).containsEntry("purchases_total", 2L);
                assertThat(features).as("in the same item as the lifetime count, and without the purchase of 25 h ago")
                        .containsEntry("purchases_24h", 1L).containsEntry("spend_24h_cents", 499L);
            });

            // Later events move the watermark ahead; then one from two hours ago arrives, late but inside the window.
            put(stream, List.of(event("busy", "store_view", now.plus(Duration.ofMinutes(1)))));
            put(stream, List.of(event("quiet", "purchase", now.minus(Duration.ofHours(2)), "sku", "late", "price_cents", 100, "currency", "USD")));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                    io.playerlens.store.ProfileStore.features(aws.dynamoDb(), table, PlayerKey.of(Events.GAME, "quiet")).orElse(Map.of()))
                    .containsEntry("purchases_total", 3L).containsEntry("purchases_24h", 2L).containsEntry("spend_24h_cents", 599L));
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void erasure_deletesTheProfile_andOnlyEventsReceivedAfterItCountAgain_whateverTheirClientTime() throws Exception {
        String stream = "events-" + UUID.randomUUID();
        String table = "profiles-" + UUID.randomUUID();
        aws.createStream(stream, 1);
        aws.createTable(table, ProfileItem.KEY);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        JobClient job = FeatureJob.start(env, properties(stream, table));
        try {
            List<ObjectNode> old = List.of(
                    event("gone", "purchase", at(Duration.ofHours(1)), "sku", "s", "price_cents", 500, "currency", "USD"),
                    event("gone", "store_view", at(Duration.ofHours(2))));
            put(stream, old);
            await().atMost(Duration.ofSeconds(60)).until(() -> profile(table, "gone").containsKey(ProfileItem.FEATURES));

            put(stream, List.of(event("gone", io.playerlens.contracts.event.ServerEventTypes.PLAYER_ERASED, at(Duration.ofHours(3)))));
            await().atMost(Duration.ofSeconds(30)).until(() -> ProfileItemCodec.isTombstone(profile(table, "gone")));
            var erasure = ProfileItemCodec.erasure(profile(table, "gone")).orElseThrow();
            assertThat(erasure.completed()).as("the job's tombstone: the erasure is applied").isTrue();
            assertThat(erasure.requestedAt()).isEqualTo(at(Duration.ofHours(3)).toEpochMilli() + 50);
            assertThat(erasure.profileEpoch()).isEqualTo(1);

            // The rule is server receipt time (ErasureRule), whatever the client's clock says:
            List<ObjectNode> afterErasure = new ArrayList<>(old); // a replay of records received before it: never again
            ObjectNode aheadButReceivedBefore = event("gone", "store_view", at(Duration.ofHours(10)));
            aheadButReceivedBefore.put("received_at", at(Duration.ofMinutes(170)).toEpochMilli()); // raced the erasure on the shard
            afterErasure.add(aheadButReceivedBefore);
            ObjectNode behindButReceivedAfter = event("gone", "purchase", at(Duration.ofMinutes(90)), "sku", "s", "price_cents", 300,
                    "currency", "USD");
            behindButReceivedAfter.put("received_at", at(Duration.ofHours(4)).toEpochMilli()); // an offline client's batch, sent later
            afterErasure.add(behindButReceivedAfter);
            afterErasure.add(event("gone", "store_view", at(Duration.ofHours(4))));
            put(stream, afterErasure);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                Map<String, AttributeValue> item = profile(table, "gone");
                assertThat(item).containsKey(ProfileItem.FEATURES);
                assertThat(n(item, "events_total")).isEqualTo(2);
                assertThat(n(item, "purchases_total")).isEqualTo(1);
                assertThat(n(item, "spend_total_cents")).isEqualTo(300);
                assertThat(item.get(ProfileItem.PROFILE_EPOCH).n()).isEqualTo("1");
            });
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void eventsInKinesis_becomeProfileItemsInDynamoDb() throws Exception {
        String stream = "events-" + UUID.randomUUID();
        String table = "profiles-" + UUID.randomUUID();
        aws.createStream(stream, 2);
        aws.createTable(table, ProfileItem.KEY);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        JobClient job = FeatureJob.start(env, properties(stream, table));
        try {
            List<ObjectNode> events = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                events.add(event("p-1", "purchase", at(Duration.ofMinutes(i)), "sku", "s", "price_cents", 100, "currency", "USD"));
            }
            events.add(event("p-2", "store_view", at(Duration.ofMinutes(1))));
            put(stream, events);

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                Map<String, AttributeValue> item = profile(table, "p-1");
                assertThat(item).containsKey(ProfileItem.FEATURES);
                assertThat(item.get(ProfileItem.FEATURES).m().get("spend_total_cents").n()).isEqualTo("500");
            });
            Map<String, AttributeValue> item = profile(table, "p-1");
            assertThat(item.get(ProfileItem.GAME_ID).s()).isEqualTo(Events.GAME);
            assertThat(Long.parseLong(item.get(ProfileItem.UPDATED_AT).n())).isGreaterThan(Long.parseLong(item.get(ProfileItem.RECEIVED_AT).n()));
            // The stage stamps: the job decoded the event (processed_at) before it wrote the profile (updated_at).
            long processedAt = Long.parseLong(item.get(ProfileItem.PROCESSED_AT).n());
            assertThat(processedAt).isLessThanOrEqualTo(Long.parseLong(item.get(ProfileItem.UPDATED_AT).n()))
                    .isGreaterThan(System.currentTimeMillis() - Duration.ofMinutes(5).toMillis());
            await().atMost(Duration.ofSeconds(30)).until(() -> profile(table, "p-2").containsKey(ProfileItem.FEATURES));
        } finally {
            job.cancel().get();
        }
    }
}
