package io.playerlens.offline;

import io.playerlens.contracts.event.PlayerKey;
import io.playerlens.store.ProfileStore;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.spark.sql.Row;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Online vs offline, feature by feature, for a sample of players: the online profile item (written by the feature
 * job) against the backfill's recomputation from the archive — windowed features included, both read as of the same
 * time from their tiles. Numbers compare by value (340 equals 340.0).
 */
public final class ParityReport {
    /** One differing feature of one player. */
    public record Mismatch(String playerId, String feature, Object online, Object offline) {
    }

    /** Per feature: how many players were compared and how many differed. */
    public record FeatureParity(long compared, long mismatched) {
        public double mismatchRate() {
            return compared == 0 ? 0 : (double) mismatched / compared;
        }
    }

    public record Result(long sampled, long missingOnline, long compared, long mismatched, Map<String, FeatureParity> features,
                         List<Mismatch> examples) {
        public double mismatchRate() {
            return compared == 0 ? 0 : (double) mismatched / compared;
        }
    }

    private ParityReport() {
    }

    /**
     * @param offline sampled rows of the backfill (player_id and the feature columns, windowed ones as of {@code asOf})
     * @param features the features to compare
     * @param asOf when the windowed features are read online (the time the offline ones were computed as of)
     */
    public static Result compare(DynamoDbClient dynamo, String table, List<Row> offline, List<String> features, long asOf) {
        Map<String, long[]> perFeature = new LinkedHashMap<>();
        features.forEach(f -> perFeature.put(f, new long[2]));
        List<Mismatch> examples = new ArrayList<>();
        long missing = 0;
        long compared = 0;
        long mismatched = 0;
        for (Row row : offline) {
            PlayerKey player = PlayerKey.of(row.getAs("game_id"), row.getAs("player_id"));
            Optional<Map<String, Object>> item = ProfileStore.read(dynamo, table, player).map(profile -> profile.featuresAsOf(asOf));
            if (item.isEmpty()) {
                missing++;
                continue;
            }
            Map<String, Object> online = item.get();
            for (String feature : features) {
                Object offlineValue = row.getAs(feature);
                Object onlineValue = online.get(feature);
                long[] counts = perFeature.get(feature);
                counts[0]++;
                compared++;
                if (!same(onlineValue, offlineValue)) {
                    counts[1]++;
                    mismatched++;
                    if (examples.size() < 20) {
                        examples.add(new Mismatch(player.value(), feature, onlineValue, offlineValue));
                    }
                }
            }
        }
        Map<String, FeatureParity> byFeature = new LinkedHashMap<>();
        perFeature.forEach((f, c) -> byFeature.put(f, new FeatureParity(c[0], c[1])));
        return new Result(offline.size(), missing, compared, mismatched, byFeature, examples);
    }

    static boolean same(Object online, Object offline) {
        if (online instanceof Number a && offline instanceof Number b) {
            return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())) == 0;
        }
        return Objects.equals(online == null ? null : online.toString(), offline == null ? null : offline.toString());
    }
}
