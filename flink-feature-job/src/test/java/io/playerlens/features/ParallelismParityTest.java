package io.playerlens.features;

import static io.playerlens.features.Events.at;
import static io.playerlens.features.Events.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The same records give the same profiles at parallelism 1 and 3. */
class ParallelismParityTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(3).build());

    @Test
    void profiles_atParallelismThree_equalThoseAtParallelismOne() throws Exception {
        Random random = new Random(42);
        String[] types = {"session_start", "session_end", "purchase", "currency_earn", "level_complete", "store_view"};
        List<ObjectNode> events = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            String player = "par-" + random.nextInt(25);
            String type = types[random.nextInt(types.length)];
            var time = at(Duration.ofMinutes(random.nextInt(60 * 24 * 10)));
            events.add(switch (type) {
                case "session_start" -> event(player, type, time, "platform", random.nextBoolean() ? "ios" : "android", "country", "FR", "app_version", "1");
                case "session_end" -> event(player, type, time, "duration_s", random.nextInt(900));
                case "purchase" -> event(player, type, time, "sku", "s", "price_cents", random.nextInt(2000), "currency", "USD");
                case "currency_earn" -> event(player, type, time, "amount", random.nextInt(100), "currency_type", "coins");
                case "level_complete" -> event(player, type, time, "level", random.nextInt(50), "duration_s", 10);
                default -> event(player, type, time);
            });
        }
        Collections.shuffle(events, random);
        events.addAll(events.subList(0, 50).stream().map(ObjectNode::deepCopy).toList());
        List<byte[]> records = Events.records(events);
        // A bound wider than the data: nothing is late, so the result cannot depend on interleaving.
        FeatureJobSettings settings = new FeatureJobSettings(Duration.ofDays(30), Duration.ofSeconds(1), Duration.ofDays(7),
                Duration.ofDays(400), Duration.ofDays(400), Duration.ofMillis(10), Duration.ofSeconds(10), Duration.ZERO);

        Map<String, String> one = features(PipelineRun.run(records, settings, 1));
        Map<String, String> three = features(PipelineRun.run(records, settings, 3));

        assertThat(one).hasSize(25);
        assertThat(three).isEqualTo(one);
    }

    private static Map<String, String> features(Map<String, ProfileWrite> profiles) throws Exception {
        Map<String, String> features = new TreeMap<>();
        for (ProfileWrite write : profiles.values()) {
            features.put(write.playerId, new TreeMap<>(Events.MAPPER.convertValue(PipelineRun.features(write), Map.class)).toString());
        }
        return features;
    }
}
