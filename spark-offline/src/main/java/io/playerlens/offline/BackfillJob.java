package io.playerlens.offline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Recomputes every player's features from the archive with the feature SQL, writes them as Parquet, optionally
 * fills the profile table (new players, and features the stream has not computed yet), and reports parity of the
 * portable (lifetime) features against the online profiles for a sample of players.
 */
public final class BackfillJob {
    /** What the run did, with timings. */
    public record Result(long events, long players, List<String> features, double computeSeconds, long created, long completed,
                         long refused, long skipped, double writeSeconds, ParityReport.Result parity) {
        public double eventsPerSecond() {
            return computeSeconds == 0 ? 0 : events / computeSeconds;
        }
    }

    private final SparkSession spark;
    private final Progress progress;

    public BackfillJob(SparkSession spark, Progress progress) {
        this.spark = spark;
        this.progress = progress;
    }

    /**
     * @param table the profile table to fill and compare with, or null for Parquet only
     * @param write whether to write to the table (false: parity only)
     * @param paritySample players to compare (0: none)
     */
    public Result run(String archive, LocalDate from, LocalDate to, Path out, ProfileTable table, boolean write, int paritySample,
                      Duration itemTtl) throws IOException {
        return run(archive, from, to, out, table, write, paritySample, itemTtl, System.currentTimeMillis());
    }

    /**
     * @param asOf when the windowed features of the Parquet output are read, and the online ones compared (epoch millis);
     *     the tiles written to the table are the same whatever it is
     */
    public Result run(String archive, LocalDate from, LocalDate to, Path out, ProfileTable table, boolean write, int paritySample,
                      Duration itemTtl, long asOf) throws IOException {
        long started = System.nanoTime();
        progress.step("reading the archive " + archive + " for event days " + from + " to " + to);
        // Cached: every feature group reads it, partitioned by player and sorted by time, so none of them shuffles or sorts again.
        Dataset<Row> events = PlayerEventsView.register(spark, new EventArchive(spark, archive).events(from, to))
                .sortWithinPartitions("game_id", "player_id", "profile_epoch", "ts").cache();
        events.createOrReplaceTempView(PlayerEventsView.VIEW);
        // Windowed features are computed as of one time, the time the parity report reads the online ones at.
        progress.step("computing features (" + FeatureQueries.groups().stream().map(FeatureQueries.Group::name).toList() + "), windowed ones as of "
                + java.time.Instant.ofEpochMilli(asOf));
        Dataset<Row> features = FeatureComputation.compute(spark, FeatureQueries.groups(), FeatureComputation.AsOf.at(asOf)).cache();
        features.write().mode(SaveMode.Overwrite).parquet(out.resolve("features").toString());
        long players = features.count();
        long eventCount = events.agg(org.apache.spark.sql.functions.sum("archived_copies")).first().getLong(0);
        double computeSeconds = (System.nanoTime() - started) / 1e9;
        List<String> names = FeatureComputation.featureColumns(features);
        progress.step(String.format("%,d events → %,d players × %d features in %.1f s (%,.0f events/s); Parquet in %s",
                eventCount, players, names.size(), computeSeconds, eventCount / computeSeconds, out.resolve("features")));

        long created = 0;
        long completed = 0;
        long refused = 0;
        long skipped = 0;
        double writeSeconds = 0;
        ParityReport.Result parity = null;
        if (table != null) {
            if (paritySample > 0) {
                // Compared before writing: after it, the new players would trivially agree with themselves.
                List<Row> sample = features.orderBy(org.apache.spark.sql.functions.hash(org.apache.spark.sql.functions.col("player_id")))
                        .limit(paritySample).collectAsList();
                try (DynamoDbClient dynamo = table.client()) {
                    parity = ParityReport.compare(dynamo, table.name(), sample, names, asOf);
                }
                progress.step(String.format("parity of every feature (windowed ones as of the same time) on %d sampled players (%d not online): "
                        + "%d mismatches of %d compared (%.4f %%)", parity.sampled(), parity.missingOnline(), parity.mismatched(), parity.compared(),
                        100 * parity.mismatchRate()));
            }
            if (write) {
                long writeStarted = System.nanoTime();
                LongAccumulator createdCount = spark.sparkContext().longAccumulator("profiles created");
                LongAccumulator completedCount = spark.sparkContext().longAccumulator("profiles completed");
                LongAccumulator refusedCount = spark.sparkContext().longAccumulator("profiles refused");
                LongAccumulator skippedCount = spark.sparkContext().longAccumulator("profiles skipped (erased, or a newer epoch online)");
                features.foreachPartition(new ProfileBackfillWriter(table, FeatureComputation.storedFeatures(names), itemTtl, createdCount,
                        completedCount, refusedCount, skippedCount));
                created = createdCount.value();
                completed = completedCount.value();
                refused = refusedCount.value();
                skipped = skippedCount.value();
                writeSeconds = (System.nanoTime() - writeStarted) / 1e9;
                progress.step(String.format("profile table %s: %,d new profiles, %,d existing profiles given missing features, "
                        + "%,d refused (values the store cannot hold, logged), %,d skipped (erased, or a newer epoch online), in %.1f s",
                        table.name(), created, completed, refused, skipped, writeSeconds));
            }
        }
        Result result = new Result(eventCount, players, names, computeSeconds, created, completed, refused, skipped, writeSeconds, parity);
        Files.createDirectories(out);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("backfill-report.json").toFile(), report(result, from, to));
        features.unpersist();
        events.unpersist();
        return result;
    }

    private static Map<String, Object> report(Result result, LocalDate from, LocalDate to) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("from", from.toString());
        report.put("to", to.toString());
        report.put("cores", Runtime.getRuntime().availableProcessors());
        report.put("result", result);
        report.put("events_per_second", result.eventsPerSecond());
        if (result.parity() != null) {
            report.put("parity_mismatch_rate", result.parity().mismatchRate());
        }
        return report;
    }
}
