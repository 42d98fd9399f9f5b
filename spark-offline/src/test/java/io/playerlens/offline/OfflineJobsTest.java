package io.playerlens.offline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Analytics, training set and erasure over a generated archive, each against values computed here independently. */
class OfflineJobsTest extends SparkJobTest {
    static final LocalDate FROM = LocalDate.parse("2026-11-20");
    static final LocalDate TO = LocalDate.parse("2026-11-22");

    @Test
    void analytics_dailyKpisAndOffersPerModel(@TempDir Path dir) throws Exception {
        TestArchive archive = new TestArchive(dir.resolve("archive"), 21).play(40, 3);
        AnalyticsJob.Result result = new AnalyticsJob(spark, Progress.quiet()).run(dir.resolve("archive").toString(), FROM, TO, dir.resolve("out"));

        List<ObjectNode> events = archive.distinctEvents();
        Map<LocalDate, List<ObjectNode>> byDay = events.stream().collect(Collectors.groupingBy(OfflineJobsTest::day));
        List<Row> kpis = result.dailyKpis().collectAsList();
        assertThat(kpis).hasSize(byDay.size());
        for (Row row : kpis) {
            LocalDate day = ((java.sql.Date) row.getAs("dt")).toLocalDate();
            List<ObjectNode> today = byDay.get(day);
            long dau = today.stream().map(e -> e.get("player_id").asText()).distinct().count();
            long revenue = today.stream().filter(e -> BackfillJobTest.type(e, "purchase")).mapToLong(e -> e.get("props").get("price_cents").asLong()).sum();
            assertThat((long) row.getAs("dau")).as(day.toString()).isEqualTo(dau);
            assertThat((long) row.getAs("sessions")).isEqualTo(BackfillJobTest.count(today, "session_start"));
            assertThat((long) row.getAs("revenue_cents")).isEqualTo(revenue);
            assertThat(((Number) row.getAs("arpdau")).doubleValue()).isCloseTo(revenue / 100.0 / dau, org.assertj.core.data.Offset.offset(1e-9));
            if (day.equals(FROM)) {
                Set<String> first = today.stream().map(e -> e.get("player_id").asText()).collect(Collectors.toSet());
                Set<String> next = byDay.get(FROM.plusDays(1)).stream().map(e -> e.get("player_id").asText()).collect(Collectors.toSet());
                long returned = first.stream().filter(next::contains).count();
                assertThat(((Number) row.getAs("d1_retention")).doubleValue()).isCloseTo((double) returned / first.size(), org.assertj.core.data.Offset.offset(1e-9));
                assertThat((Object) row.getAs("d7_retention")).as("D+7 is outside the window").isNull();
            }
        }
        long impressions = events.stream().filter(e -> BackfillJobTest.type(e, "offer_shown") && e.get("props").get("model").asText().equals("store-logreg")).count();
        long counted = result.offersByModel().where("model = 'store-logreg'").collectAsList().stream().mapToLong(r -> r.getAs("impressions")).sum();
        assertThat(counted).isEqualTo(impressions);
    }

    @Test
    void analytics_decisionsPerVariant_shadowsIncluded_withTheirTopOfferBoughtWithin24h(@TempDir Path dir) throws Exception {
        TestArchive archive = new TestArchive(dir.resolve("archive"), 5);
        long t0 = java.time.Instant.parse("2026-11-20T10:00:00Z").toEpochMilli();
        List<ObjectNode> lines = new java.util.ArrayList<>();
        java.util.function.BiFunction<String, String, io.playerlens.contracts.offers.ScoredOffer> offer = (id, sku) ->
                new io.playerlens.contracts.offers.ScoredOffer(new io.playerlens.contracts.offers.Offer(id, sku, 99), 0.5);
        for (int p = 0; p < 10; p++) {
            String player = "player-" + p;
            lines.add(io.playerlens.contracts.event.ServerEvents.offerServed(TestArchive.GAME, player, "store", "store-logreg", "1", "A",
                    List.of(offer.apply("gems_500", "gems_500")), false, null, t0 + p));
            lines.add(io.playerlens.contracts.event.ServerEvents.offerServed(TestArchive.GAME, player, "store", "candidate", "1", "S",
                    p < 8 ? List.of(offer.apply("vip_bundle", "vip_bundle")) : List.of(), p >= 8, p >= 8 ? "model_timeout" : null, true, t0 + p));
        }
        archive.archive(lines, t0 + 100);
        archive.archive(lines.subList(0, 2), t0 + 200); // a Firehose retry: the same decisions twice
        for (int p = 0; p < 3; p++) { // three players buy the shadow's first choice within 24 h, one buys it two days later
            archive.archive(List.of(archive.event("player-" + p, null, "purchase", t0 + 3_600_000L, "sku", "vip_bundle", "price_cents", 1999,
                    "currency", "USD")), t0 + 3_600_500L);
        }
        archive.archive(List.of(archive.event("player-5", null, "purchase", t0 + 2 * 86_400_000L, "sku", "vip_bundle", "price_cents", 1999,
                "currency", "USD")), t0 + 2 * 86_400_000L + 500);
        archive.archive(List.of(archive.event("player-9", null, "purchase", t0 + 60_000L, "sku", "gems_500", "price_cents", 499,
                "currency", "USD")), t0 + 60_500L);
        archive.flush();

        AnalyticsJob.Result result = new AnalyticsJob(spark, Progress.quiet()).run(dir.resolve("archive").toString(), FROM, TO, dir.resolve("out"));
        Map<String, Row> byVariant = result.decisionsByVariant().collectAsList().stream()
                .collect(Collectors.toMap(r -> r.<String>getAs("variant"), r -> r));
        assertThat(byVariant).containsOnlyKeys("A", "S");
        Row served = byVariant.get("A");
        assertThat((boolean) served.getAs("shadow")).isFalse();
        assertThat((long) served.getAs("decisions")).as("each decision once, retries deduplicated").isEqualTo(10);
        assertThat((long) served.getAs("top_offer_bought_24h")).isEqualTo(1);
        Row shadow = byVariant.get("S");
        assertThat((boolean) shadow.getAs("shadow")).isTrue();
        assertThat((long) shadow.getAs("decisions")).isEqualTo(10);
        assertThat((long) shadow.getAs("fallbacks")).isEqualTo(2);
        assertThat((long) shadow.getAs("top_offer_bought_24h")).as("bought within 24 h; the purchase two days later does not count").isEqualTo(3);
    }

    @Test
    void trainingSet_featuresAreAsOfTheImpression_neverAfter(@TempDir Path dir) throws Exception {
        TestArchive archive = new TestArchive(dir.resolve("archive"), 31).play(25, 3);
        TrainingSetJob.Result result = new TrainingSetJob(spark, Progress.quiet()).run(dir.resolve("archive").toString(), FROM, TO,
                dir.resolve("out"), Map.of());
        List<ObjectNode> events = archive.distinctEvents();
        List<ObjectNode> shown = events.stream().filter(e -> BackfillJobTest.type(e, "offer_shown")).toList();
        assertThat(result.examples()).isEqualTo(shown.size());
        assertThat(result.features()).contains("events_total", "spend_total_cents", "purchases_24h");
        Map<String, Row> examples = spark.read().parquet(dir.resolve("out/examples").toString()).collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getAs("impression_id"), r -> r));
        int leaksChecked = 0;
        for (ObjectNode impression : shown) {
            String player = impression.get("player_id").asText();
            long at = impression.get("ts").asLong();
            List<ObjectNode> before = events.stream().filter(e -> e.get("player_id").asText().equals(player) && e.get("ts").asLong() < at).toList();
            Row row = examples.get(impression.get("event_id").asText());
            assertThat((Long) row.getAs("events_total")).isEqualTo(before.isEmpty() ? null : (long) before.size());
            long spendBefore = before.stream().filter(e -> BackfillJobTest.type(e, "purchase")).mapToLong(e -> e.get("props").get("price_cents").asLong()).sum();
            boolean boughtAfter = events.stream().anyMatch(e -> e.get("player_id").asText().equals(player) && BackfillJobTest.type(e, "purchase")
                    && e.get("ts").asLong() > at && e.get("ts").asLong() <= at + TrainingSetJob.LABEL_WINDOW_MS
                    && e.get("props").get("sku").asText().equals(impression.get("props").get("offer_id").asText()));
            if (!before.isEmpty()) {
                assertThat((Long) row.getAs("spend_total_cents")).isEqualTo(spendBefore);
            }
            assertThat((int) row.getAs("label")).isEqualTo(boughtAfter ? 1 : 0);
            if (boughtAfter) {
                leaksChecked++; // a purchase right after: it changed spend_total_cents, and the example does not show it
            }
        }
        assertThat(leaksChecked).as("the archive has impressions followed by a purchase").isPositive();
        assertThat(result.positives()).isEqualTo(leaksChecked);
    }

    @Test
    void erase_removesEveryEventOfTheErasedPlayer_andNothingElse(@TempDir Path dir) throws Exception {
        TestArchive archive = new TestArchive(dir.resolve("archive"), 41).play(15, 3);
        long erasedAt = Instant.parse("2026-11-23T12:00:00Z").toEpochMilli();
        ObjectNode otherGames = archive.event("player-4", null, "store_view", erasedAt - 3_600_000L);
        otherGames.put("game_id", "another-game"); // the same player id in another game: another player
        archive.archive(List.of(otherGames), erasedAt - 3_600_000L);
        archive.erase("player-4", erasedAt);
        archive.quarantine(dir.resolve("archive"), "player-4", erasedAt - 60_000);
        archive.quarantine(dir.resolve("archive"), "player-5", erasedAt - 60_000);
        long before = readAll(dir.resolve("archive")).size();
        long player4 = archive.events.stream().filter(e -> e.get("player_id").asText().equals("player-4")
                && e.get("game_id").asText().equals(TestArchive.GAME)).count();
        assertThat(player4).isPositive();

        EraseJob.Result result = new EraseJob(spark, Progress.quiet()).run(dir.resolve("archive").toString(), Set.of());

        List<String> after = readAll(dir.resolve("archive"));
        assertThat(after).filteredOn(line -> line.contains("\"player-4\"")).as("only another game's player-4 is left")
                .singleElement().satisfies(line -> assertThat(line).contains("another-game"));
        assertThat(after).as("the player's events and its two quarantine entries (one only in a record's bytes) are gone")
                .hasSize((int) (before - player4 - 2));
        assertThat(after.stream().filter(line -> line.contains("record_base64"))).as("player-5's dead letter stays").hasSize(1);
        assertThat(result.eventsRemoved()).isEqualTo(player4 + 2);
        assertThat(result.erasedPlayers()).isEqualTo(1);
        try (Stream<Path> files = Files.walk(dir.resolve("archive"))) {
            assertThat(files.filter(Files::isRegularFile)).allMatch(f -> f.getFileName().toString().endsWith(".gz")
                    && !f.getFileName().toString().startsWith("."));
        }
    }

    static LocalDate day(ObjectNode e) {
        return Instant.ofEpochMilli(e.get("ts").asLong()).atZone(ZoneOffset.UTC).toLocalDate();
    }

    static List<String> readAll(Path root) throws Exception {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".gz")).toList()) {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
                    in.lines().filter(l -> !l.isBlank()).forEach(lines::add);
                }
            }
        }
        return lines;
    }
}
