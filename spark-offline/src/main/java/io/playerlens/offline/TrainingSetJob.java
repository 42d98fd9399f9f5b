package io.playerlens.offline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Point-in-time correct training examples: one per {@code offer_shown}, with the player's features as of that
 * moment — computed by the very feature SQL over only the events <em>before</em> the impression (the events are
 * joined to each impression they precede and the SQL groups by impression instead of by player), so nothing that
 * happened later can leak in. Label: the player bought that offer within 24 h after the impression (a purchase
 * whose {@code offer_id} or {@code sku} is the offer's).
 */
public final class TrainingSetJob {
    public static final long LABEL_WINDOW_MS = 86_400_000L;
    static final String ALL_EVENTS = "all_player_events";

    /** What was written. */
    public record Result(long examples, long positives, List<String> features, double seconds) {
    }

    private final SparkSession spark;
    private final Progress progress;

    public TrainingSetJob(SparkSession spark, Progress progress) {
        this.spark = spark;
        this.progress = progress;
    }

    /** @param offerSkus offer id → sku, so a purchase recorded by sku is matched to the offer shown */
    public Result run(String archive, LocalDate from, LocalDate to, Path out, Map<String, String> offerSkus) throws IOException {
        long started = System.nanoTime();
        progress.step("reading the archive " + archive + " for event days " + from + " to " + to);
        PlayerEventsView.register(spark, new EventArchive(spark, archive).events(from, to));
        spark.table(PlayerEventsView.VIEW).createOrReplaceTempView(ALL_EVENTS);
        List<Row> skus = new ArrayList<>();
        offerSkus.forEach((offer, sku) -> skus.add(org.apache.spark.sql.RowFactory.create(offer, sku)));
        spark.createDataFrame(skus, new org.apache.spark.sql.types.StructType().add("offer_id", "string").add("sku", "string"))
                .createOrReplaceTempView("offer_skus");

        Dataset<Row> impressions = spark.sql(String.join("\n",
                "SELECT event_id AS impression_id, player_id, game_id, profile_epoch, ts, props['offer_id'] AS offer_id,",
                "       props['placement'] AS placement, props['model'] AS shown_by",
                "FROM " + ALL_EVENTS + " WHERE type = 'offer_shown'"));
        impressions.createOrReplaceTempView("impressions");

        // The feature SQL reads player_events: here, each impression's history as if it were a player.
        spark.sql(String.join("\n",
                "SELECT i.impression_id AS player_id, e.profile_epoch, e.event_id, i.game_id, e.type, e.ts, e.received_at,",
                "       e.processed_at, e.session_id, e.props",
                "FROM " + ALL_EVENTS + " e JOIN impressions i",
                "  ON e.game_id = i.game_id AND e.player_id = i.player_id AND e.profile_epoch = i.profile_epoch AND e.ts < i.ts")).createOrReplaceTempView(PlayerEventsView.VIEW);
        progress.step("computing features as of each impression");
        spark.sql("SELECT game_id, impression_id AS player_id, ts AS as_of FROM impressions").createOrReplaceTempView(FeatureComputation.AS_OF_VIEW);
        Dataset<Row> asOf = FeatureComputation.compute(spark, FeatureQueries.groups(), FeatureComputation.AsOf.byKey(FeatureComputation.AS_OF_VIEW))
                .drop("received_at", "profile_epoch");
        for (String column : asOf.columns()) {
            if (column.startsWith(FeatureComputation.TILES_PREFIX)) {
                asOf = asOf.drop(column);
            }
        }
        List<String> features = FeatureComputation.featureColumns(asOf);
        asOf.withColumnRenamed("player_id", "impression_key").withColumnRenamed("game_id", "impression_game")
                .createOrReplaceTempView("features_as_of");

        Dataset<Row> examples = spark.sql(String.join("\n",
                "WITH labels AS (",
                "  SELECT i.game_id, i.impression_id, MAX(CASE WHEN p.event_id IS NOT NULL THEN 1 ELSE 0 END) AS label",
                "  FROM impressions i LEFT JOIN offer_skus s ON s.offer_id = i.offer_id",
                "  LEFT JOIN " + ALL_EVENTS + " p ON p.type = 'purchase' AND p.game_id = i.game_id AND p.player_id = i.player_id",
                "    AND p.profile_epoch = i.profile_epoch",
                "    AND p.ts > i.ts AND p.ts <= i.ts + " + LABEL_WINDOW_MS,
                "    AND (COALESCE(p.props['offer_id'], p.props['sku']) = i.offer_id OR p.props['sku'] = s.sku)",
                "  GROUP BY i.game_id, i.impression_id)",
                "SELECT i.impression_id, i.player_id, i.game_id, i.ts AS shown_at, i.offer_id, i.placement, i.shown_by, l.label, f.*",
                "FROM impressions i JOIN labels l ON l.game_id = i.game_id AND l.impression_id = i.impression_id",
                "LEFT JOIN features_as_of f ON f.impression_game = i.game_id AND f.impression_key = i.impression_id"))
                .drop("impression_key", "impression_game");
        examples.write().mode(SaveMode.Overwrite).parquet(out.resolve("examples").toString());
        Dataset<Row> written = spark.read().parquet(out.resolve("examples").toString());
        long count = written.count();
        long positives = written.where("label = 1").count();
        double seconds = (System.nanoTime() - started) / 1e9;
        Result result = new Result(count, positives, features, seconds);
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("from", from.toString());
        manifest.put("to", to.toString());
        manifest.put("features", features);
        manifest.put("label", "1 if the player bought the offer shown (offer_id or sku) within 24 h after the impression");
        manifest.put("point_in_time", "features computed by the feature SQL over the player's events with ts < shown_at; windowed features"
                + " summed from those events' tiles as of shown_at, by the same rule as online (io.playerlens.contracts.profile.Tiles)");
        manifest.put("examples", count);
        manifest.put("positives", positives);
        Files.createDirectories(out);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("training-set.json").toFile(), manifest);
        progress.step(String.format("%,d examples (%,d positive) with %d features written to %s in %.1f s", count, positives,
                features.size(), out.resolve("examples"), seconds));
        return result;
    }
}
