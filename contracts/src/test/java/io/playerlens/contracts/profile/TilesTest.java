package io.playerlens.contracts.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TilesTest {
    private static final long MINUTE = 60_000;
    private static final long HOUR = 60 * MINUTE;
    private static final long TILE = 5 * MINUTE;
    private static final TiledGroup SPEND = TiledGroup.parse("spend_24h.tiles.sql", String.join("\n",
            "-- tile: 5 minutes", "-- window: purchases_24h = SUM(purchases) over 24 hours", "-- window: spend_24h_cents = SUM(spend_cents) over 24 hours",
            "SELECT player_id, profile_epoch, CAST(FLOOR(ts / 300000) AS BIGINT) AS tile FROM player_events"));

    private static TileSet tiles(long[][] tileAndValues) {
        TreeMap<Long, double[]> map = new TreeMap<>();
        for (long[] t : tileAndValues) {
            map.put(t[0], new double[] {t[1], t[2]});
        }
        return new TileSet(List.of("purchases", "spend_cents"), map);
    }

    private static long tileOf(long ts) {
        return Math.floorDiv(ts, TILE);
    }

    @Test
    void anUnreadableTile_isReportedEscaped_soTheProblemIsValidPrintableUnicode() {
        List<String> problems = new ArrayList<>();
        // A lone surrogate, a NUL and a newline in the stored text, in the index and in a value.
        TileSet set = Tiles.decode("purchases,spend_cents|1:1,2;\ud800\u0000:1,2;3:\n\udc00,4", problems);
        assertThat(set.tiles()).containsOnlyKeys(1L);
        assertThat(problems).hasSize(2).allSatisfy(problem -> {
            assertThat(io.playerlens.contracts.event.Unicode.problem(problem)).as(problem).isEmpty();
            assertThat(io.playerlens.contracts.event.Unicode.controlCharacter(problem)).as(problem).isEmpty();
        });
        assertThat(problems.get(0)).contains("\\ud800\\u0000");
    }

    @Test
    void aPurchase25HoursAgo_isNotInThe24HourWindowReadNow_andOneAnHourAgoIs() {
        long now = 1_796_000_000_000L;
        TileSet set = tiles(new long[][] {{tileOf(now - 25 * HOUR), 1, 499}, {tileOf(now - HOUR), 1, 99}});
        assertThat(Tiles.windowed(SPEND, set, now)).containsEntry("purchases_24h", 1L).containsEntry("spend_24h_cents", 99L);
        assertThat(Tiles.windowed(SPEND, set, now - 2 * HOUR)).as("as of two hours ago: the later purchase had not happened")
                .containsEntry("purchases_24h", 1L).containsEntry("spend_24h_cents", 499L);
    }

    @Test
    void theTrailingEdge_countsTheWholeTileThatOverlapsTheWindow_neverLess() {
        long tile = 1_000_000;
        long start = tile * TILE;
        TileSet set = tiles(new long[][] {{tile, 1, 10}});
        // The window [asOf − 24 h, asOf] overlaps the tile while asOf − 24 h is before the tile's end.
        assertThat(Tiles.inWindow(tile, TILE, 24 * HOUR, start + 24 * HOUR + TILE - 1)).isTrue();
        assertThat(Tiles.inWindow(tile, TILE, 24 * HOUR, start + 24 * HOUR + TILE)).isFalse();
        // A tile that starts after the read time is not counted (a read as of the past).
        assertThat(Tiles.inWindow(tile, TILE, 24 * HOUR, start - 1)).isFalse();
        assertThat(Tiles.inWindow(tile, TILE, 24 * HOUR, start)).isTrue();
        assertThat(Tiles.windowed(SPEND, set, start + 24 * HOUR + TILE)).containsEntry("purchases_24h", 0L);
    }

    @Test
    void windowedSums_equalTheEventsOfTheWindowWidenedToWholeTiles_forRandomHistories() {
        Random random = new Random(42);
        for (int run = 0; run < 200; run++) {
            long now = 1_796_000_000_000L + random.nextInt(1_000_000);
            List<long[]> events = new ArrayList<>();
            TreeMap<Long, double[]> map = new TreeMap<>();
            for (int i = 0; i < 50; i++) {
                long ts = now - (long) (random.nextDouble() * 30 * HOUR);
                long price = 1 + random.nextInt(2000);
                events.add(new long[] {ts, price});
                double[] values = map.computeIfAbsent(tileOf(ts), t -> new double[2]);
                values[0] += 1;
                values[1] += price;
            }
            long asOf = now - random.nextInt((int) (3 * HOUR));
            // Events from the start of the tile holding asOf − 24 h to the end of the tile holding asOf.
            long from = Math.floorDiv(asOf - 24 * HOUR, TILE) * TILE;
            long until = (Math.floorDiv(asOf, TILE) + 1) * TILE;
            List<long[]> inside = events.stream().filter(e -> e[0] >= from && e[0] < until).toList();
            Map<String, Object> windowed = Tiles.windowed(SPEND, new TileSet(List.of("purchases", "spend_cents"), map), asOf);
            assertThat(windowed.get("purchases_24h")).isEqualTo((long) inside.size());
            assertThat(windowed.get("spend_24h_cents")).isEqualTo(inside.stream().mapToLong(e -> e[1]).sum());
        }
    }

    @Test
    void expiredTiles_canNeverBeReadAgain() {
        long now = 1_796_000_000_000L;
        long justOut = tileOf(now - 24 * HOUR) - 1;
        assertThat(Tiles.expired(justOut, SPEND, now)).isTrue();
        assertThat(Tiles.inWindow(justOut, TILE, 24 * HOUR, now)).isFalse();
        assertThat(Tiles.expired(justOut + 1, SPEND, now)).isFalse();
    }

    @Test
    void theCompactForm_roundTrips_andAnythingElseIsAProblemNotAnException() {
        TileSet set = new TileSet(List.of("purchases", "spend_cents"), new TreeMap<>(Map.of(5_987_334L, new double[] {2, 598}, 5_987_400L,
                new double[] {1, 0.5})));
        String text = Tiles.encode(set);
        assertThat(text).isEqualTo("purchases,spend_cents|5987334:2,598;5987400:1,0.5");
        List<String> problems = new ArrayList<>();
        assertThat(Tiles.decode(text, problems)).isEqualTo(set);
        assertThat(problems).isEmpty();

        for (String hostile : new String[] {"no bar", "a|1:2,3", "a|x:1", "a|1:NaN", "a|1:Infinity", "a,b|1:1", "a|1:1;;2", "a|:1", "a|1:1e999"}) {
            List<String> found = new ArrayList<>();
            Tiles.decode(hostile, found);
            assertThat(found).as(hostile).isNotEmpty();
        }
    }

    @Test
    void aTilesFile_mustDeclareItsTile_andItsQueryMustUseIt() {
        assertThatThrownBy(() -> TiledGroup.parse("x.tiles.sql", "-- window: a = SUM(b) over 1 hour\nSELECT 1"))
                .hasMessageContaining("-- tile:");
        assertThatThrownBy(() -> TiledGroup.parse("x.tiles.sql", "-- tile: 5 minutes\n-- window: a = SUM(b) over 1 hour\nSELECT FLOOR(ts / 60000)"))
                .hasMessageContaining("FLOOR(ts / 300000)");
        assertThatThrownBy(() -> TiledGroup.parse("x.tiles.sql", "-- tile: 1 hour\n-- window: a = SUM(b) over 90 minutes\nSELECT FLOOR(ts / 3600000)"))
                .hasMessageContaining("whole number of tiles");
    }
}
