package io.playerlens.offline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The backfill over a generated archive, against features computed independently here from the events sent. */
class BackfillJobTest extends SparkJobTest {

    @Test
    void lifetimeAndWindowedFeatures_matchAnIndependentComputation_withDuplicatesAndLateArrivals(@TempDir Path dir) throws Exception {
        TestArchive archive = new TestArchive(dir.resolve("archive"), 11).play(30, 3);
        // Windowed features as of the last day's evening: some of its events, and of the day before, are in the 24 h.
        long asOf = java.time.Instant.parse("2026-11-22T20:00:00Z").toEpochMilli();
        BackfillJob.Result result = new BackfillJob(spark, Progress.quiet()).run(dir.resolve("archive").toString(),
                LocalDate.parse("2026-11-20"), LocalDate.parse("2026-11-22"), dir.resolve("out"), null, false, 0, Duration.ofDays(90), asOf);

        List<ObjectNode> distinct = archive.distinctEvents();
        assertThat(archive.events.size()).as("the archive holds duplicates").isGreaterThan(distinct.size());
        assertThat(result.events()).isEqualTo(archive.events.size());
        assertThat(result.players()).isEqualTo(30);
        assertThat(result.features()).contains("events_total", "spend_total_cents", "level_max", "coins_balance", "purchases_24h", "sessions_7d");

        Map<String, Row> rows = spark.read().parquet(dir.resolve("out/features").toString()).collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getAs("player_id"), r -> r));
        Map<String, List<ObjectNode>> byPlayer = distinct.stream().collect(Collectors.groupingBy(e -> e.get("player_id").asText(), TreeMap::new, Collectors.toList()));
        byPlayer.forEach((player, events) -> {
            Row row = rows.get(player);
            assertThat((long) row.getAs("events_total")).as(player).isEqualTo(events.size());
            assertThat((long) row.getAs("sessions_total")).isEqualTo(count(events, "session_start"));
            assertThat((long) row.getAs("purchases_total")).isEqualTo(count(events, "purchase"));
            assertThat((long) row.getAs("spend_total_cents")).isEqualTo(events.stream().filter(e -> type(e, "purchase"))
                    .mapToLong(e -> e.get("props").get("price_cents").asLong()).sum());
            assertThat((Long) row.getAs("level_max")).isEqualTo(events.stream().filter(e -> type(e, "level_complete"))
                    .mapToLong(e -> e.get("props").get("level").asLong()).boxed().max(Long::compare).orElse(null));
            assertThat((double) row.getAs("coins_balance")).isEqualTo(events.stream().filter(e -> type(e, "currency_earn"))
                    .mapToDouble(e -> e.get("props").get("amount").asDouble()).sum());
            long last = events.stream().mapToLong(e -> e.get("ts").asLong()).max().orElseThrow();
            assertThat((long) row.getAs("last_seen")).isEqualTo(last);
            // The window as of asOf, widened to whole tiles (io.playerlens.contracts.profile.Tiles): computed here from the events.
            assertThat((long) row.getAs("purchases_24h")).as(player).isEqualTo(events.stream().filter(e -> type(e, "purchase"))
                    .filter(e -> inWidenedWindow(e, asOf, 86_400_000L, 300_000L)).count());
            assertThat((long) row.getAs("sessions_7d")).isEqualTo(events.stream().filter(e -> type(e, "session_start"))
                    .filter(e -> inWidenedWindow(e, asOf, 7 * 86_400_000L, 3_600_000L)).count());
        });
    }

    @Test
    void erasures_holdOverAnyRange_byReceiptTime_asTheFeatureJobDecides(@TempDir Path dir) throws Exception {
        TestArchive archive = new TestArchive(dir.resolve("archive"), 23).play(6, 3);
        long midRange = java.time.Instant.parse("2026-11-21T00:00:00Z").toEpochMilli();
        // The player with the most events after the erasure (players skip days at random; every one plays on the first).
        String erased = java.util.stream.IntStream.range(2, 6).mapToObj(p -> "player-" + p)
                .max(java.util.Comparator.comparingLong(p -> receivedAfter(archive, p, midRange))).orElseThrow();
        archive.erase(erased, midRange);
        ObjectNode before = archive.events.stream().filter(e -> e.get("player_id").asText().equals(erased)
                && e.get("received_at").asLong() < midRange && !type(e, "player_erased")).findFirst().orElseThrow();
        archive.archive(List.of(before), midRange + 3_600_000L); // the same event re-sent after the erasure: it counts again
        archive.erase("player-1", java.time.Instant.parse("2026-11-26T09:00:00Z").toEpochMilli()); // days after the range

        new BackfillJob(spark, Progress.quiet()).run(dir.resolve("archive").toString(), LocalDate.parse("2026-11-20"),
                LocalDate.parse("2026-11-22"), dir.resolve("out"), null, false, 0, Duration.ofDays(90));

        Map<String, Row> rows = spark.read().parquet(dir.resolve("out/features").toString()).collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getAs("player_id"), r -> r));
        assertThat(rows).as("erased after the range: nothing of player-1 comes back").doesNotContainKey("player-1");
        long receivedAfter = receivedAfter(archive, erased, midRange);
        assertThat(receivedAfter).as("the test archive has %s events after its erasure", erased).isGreaterThan(1);
        assertThat((long) rows.get(erased).getAs("events_total")).as("only what was received after the erasure, the re-sent copy included")
                .isEqualTo(receivedAfter);
        assertThat((int) rows.get(erased).getAs("profile_epoch")).isEqualTo(1);
        assertThat((int) rows.get("player-0").getAs("profile_epoch")).isZero();
    }

    /** Distinct events of the player received after {@code at} (erasures left out). */
    static long receivedAfter(TestArchive archive, String player, long at) {
        return archive.events.stream().filter(e -> e.get("player_id").asText().equals(player) && !type(e, "player_erased")
                && e.get("received_at").asLong() > at).map(e -> e.get("event_id").asText()).distinct().count();
    }

    /** From the start of the tile holding asOf − window to the end of the tile holding asOf. */
    static boolean inWidenedWindow(ObjectNode e, long asOf, long window, long tile) {
        long ts = e.get("ts").asLong();
        return ts >= Math.floorDiv(asOf - window, tile) * tile && ts < (Math.floorDiv(asOf, tile) + 1) * tile;
    }

    static long count(List<ObjectNode> events, String type) {
        return events.stream().filter(e -> type(e, type)).count();
    }

    static boolean type(ObjectNode e, String type) {
        return e.get("type").asText().equals(type);
    }
}
