package io.playerlens.local.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The profile features computed directly from a player's events, independently of the SQL: the expected answer
 * of the feature job. Lifetime features use every distinct event; windowed features every distinct event — late
 * ones included — whose time falls in the window read at {@code asOf}, widened to whole tiles at its trailing edge
 * (from the start of the tile holding {@code asOf − window} to the end of the tile holding {@code asOf}).
 */
final class ProfileOracle {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ProfileOracle() {
    }

    /**
     * @param events the player's distinct events (client form, ts in epoch millis)
     * @param asOf when the profile was read (its {@code as_of})
     */
    static ObjectNode expected(List<JsonNode> events, long asOf) {
        ObjectNode f = MAPPER.createObjectNode();
        f.put("events_total", events.size());
        f.put("sessions_total", events.stream().filter(e -> type(e, "session_start")).count());
        f.put("purchases_total", events.stream().filter(e -> type(e, "purchase")).count());
        f.put("spend_total_cents", events.stream().filter(e -> type(e, "purchase")).mapToLong(e -> prop(e, "price_cents").asLong()).sum());
        events.stream().filter(e -> type(e, "level_complete")).mapToLong(e -> prop(e, "level").asLong()).max()
                .ifPresentOrElse(max -> f.put("level_max", max), () -> f.putNull("level_max"));
        f.put("playtime_s", events.stream().filter(e -> type(e, "session_end")).mapToDouble(e -> prop(e, "duration_s").asDouble()).sum());
        f.put("coins_balance", events.stream().mapToDouble(e -> type(e, "currency_earn") && coins(e) ? prop(e, "amount").asDouble()
                : type(e, "currency_spend") && coins(e) ? -prop(e, "amount").asDouble() : 0).sum());
        f.put("first_seen", events.stream().mapToLong(ProfileOracle::ts).min().orElseThrow());
        f.put("last_seen", events.stream().mapToLong(ProfileOracle::ts).max().orElseThrow());
        latestSessionProp(events, "platform", f);
        latestSessionProp(events, "country", f);
        long fiveMinutes = Duration.ofMinutes(5).toMillis();
        List<JsonNode> lastDay = events.stream().filter(e -> inWindow(ts(e), asOf, Duration.ofDays(1).toMillis(), fiveMinutes)).toList();
        f.put("purchases_24h", lastDay.stream().filter(e -> type(e, "purchase")).count());
        f.put("spend_24h_cents", lastDay.stream().filter(e -> type(e, "purchase")).mapToLong(e -> prop(e, "price_cents").asLong()).sum());
        f.put("sessions_7d", events.stream().filter(e -> type(e, "session_start")
                && inWindow(ts(e), asOf, Duration.ofDays(7).toMillis(), Duration.ofHours(1).toMillis())).count());
        List<JsonNode> lastHour = events.stream().filter(e -> inWindow(ts(e), asOf, Duration.ofHours(1).toMillis(), fiveMinutes)).toList();
        f.put("events_1h", lastHour.size());
        f.put("ads_watched_1h", lastHour.stream().filter(e -> type(e, "ad_watched")).count());
        return f;
    }

    private static boolean inWindow(long ts, long asOf, long window, long tile) {
        return ts >= Math.floorDiv(asOf - window, tile) * tile && ts < (Math.floorDiv(asOf, tile) + 1) * tile;
    }

    /** The read time of a profile API answer. */
    static long asOf(JsonNode profile) {
        return java.time.Instant.parse(profile.get("as_of").asText()).toEpochMilli();
    }

    /**
     * The value of the player's latest session_start, as the SQL takes it: the largest {@code ts} wins, and between
     * session_starts of the same {@code ts} the largest value (by code point, as the SQL's string order).
     */
    private static void latestSessionProp(List<JsonNode> events, String prop, ObjectNode features) {
        Comparator<JsonNode> latest = Comparator.comparingLong(ProfileOracle::ts)
                .thenComparing(e -> prop(e, prop).asText(), ProfileOracle::compareCodePoints);
        events.stream().filter(e -> type(e, "session_start")).max(latest)
                .ifPresentOrElse(e -> features.put(prop, prop(e, prop).asText()), () -> features.putNull(prop));
    }

    private static int compareCodePoints(String a, String b) {
        int[] x = a.codePoints().toArray();
        int[] y = b.codePoints().toArray();
        return java.util.Arrays.compare(x, y);
    }

    /** Feature by feature, the names whose served value differs from the expected one. */
    static Map<String, String> mismatches(JsonNode expected, JsonNode served) {
        Map<String, String> diffs = new LinkedHashMap<>();
        expected.fields().forEachRemaining(field -> {
            JsonNode actual = served.get(field.getKey());
            JsonNode want = field.getValue();
            boolean same = want.isNull() ? actual == null || actual.isNull()
                    : actual != null && (want.isNumber() ? actual.isNumber() && closeEnough(want.asDouble(), actual.asDouble())
                    : want.asText().equals(actual.asText()));
            if (!same) {
                diffs.put(field.getKey(), "expected " + want + ", served " + actual);
            }
        });
        return diffs;
    }

    /** Sums of doubles in another order differ in the last bits: equal within 1e-9 relative (1e-6 near zero). */
    private static boolean closeEnough(double want, double actual) {
        return Math.abs(want - actual) <= Math.max(1e-6, 1e-9 * Math.abs(want));
    }

    private static boolean type(JsonNode e, String type) {
        return e.get("type").asText().equals(type);
    }

    private static boolean coins(JsonNode e) {
        return prop(e, "currency_type").asText().equals("coins");
    }

    private static JsonNode prop(JsonNode e, String name) {
        return e.get("props").get(name);
    }

    private static long ts(JsonNode e) {
        return e.get("ts").asLong();
    }
}
