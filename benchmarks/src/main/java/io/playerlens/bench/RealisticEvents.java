package io.playerlens.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Random;
import java.util.UUID;

/**
 * Client batches as a mobile game sends them: one player, one session, a mix of catalog types with the props
 * real clients add (device, OS, app version, connection), about 300 bytes of JSON per event, random UUID ids.
 */
final class RealisticEvents {
    private static final String[] TYPES = {"level_complete", "level_complete", "level_fail", "currency_earn", "currency_earn",
        "currency_spend", "ad_watched", "store_view", "offer_shown", "offer_click", "purchase"};
    private static final String[] DEVICES = {"iPhone14,2", "iPhone15,3", "SM-S911B", "Pixel 8", "SM-A546B"};
    private static final String[] OS = {"iOS 17.1", "iOS 17.4", "Android 14", "Android 13"};
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Random random;

    RealisticEvents(long seed) {
        this.random = new Random(seed);
    }

    /** A {@code {"events":[...]}} body of {@code size} events from one player. */
    ObjectNode batch(int size, long nowMillis) {
        ObjectNode body = MAPPER.createObjectNode();
        ArrayNode events = body.putArray("events");
        String player = "p-" + (100_000 + random.nextInt(900_000));
        String session = UUID.randomUUID().toString();
        String device = DEVICES[random.nextInt(DEVICES.length)];
        String os = OS[random.nextInt(OS.length)];
        long ts = nowMillis - 60_000;
        int level = 1 + random.nextInt(80);
        for (int i = 0; i < size; i++) {
            ts += 200 + random.nextInt(3000);
            String type = TYPES[random.nextInt(TYPES.length)];
            ObjectNode e = events.addObject();
            e.put("event_id", new UUID(random.nextLong(), random.nextLong()).toString());
            e.put("player_id", player);
            e.put("type", type);
            e.put("ts", Math.min(ts, nowMillis));
            e.put("session_id", session);
            ObjectNode props = e.putObject("props");
            switch (type) {
                case "level_complete" -> props.put("level", level++).put("duration_s", 20 + random.nextInt(2000) / 10.0)
                        .put("stars", 1 + random.nextInt(3)).put("attempts", 1 + random.nextInt(4));
                case "level_fail" -> props.put("level", level).put("reason", random.nextBoolean() ? "out_of_moves" : "timeout");
                case "currency_earn" -> props.put("amount", 5 * (1 + random.nextInt(40))).put("currency_type", random.nextInt(5) == 0 ? "gems" : "coins")
                        .put("source", random.nextBoolean() ? "level_reward" : "daily_bonus");
                case "currency_spend" -> props.put("amount", 10 * (1 + random.nextInt(30))).put("currency_type", "coins")
                        .put("item", "booster_" + random.nextInt(6));
                case "ad_watched" -> props.put("placement", "rewarded_continue").put("network", "admob");
                case "offer_shown", "offer_click" -> props.put("offer_id", "starter_pack_" + random.nextInt(4)).put("placement", "store")
                        .put("model", "ctr-logreg");
                case "purchase" -> props.put("sku", "gems_" + (100 * (1 + random.nextInt(5)))).put("price_cents", 99 + 100 * random.nextInt(20))
                        .put("currency", "USD");
                default -> { }
            }
            if (!type.equals("offer_shown") && !type.equals("offer_click")) {
                props.put("screen", "level_map");
            }
            props.put("device", device).put("os", os).put("app_version", "3.4.1").put("connection", random.nextInt(4) == 0 ? "cellular" : "wifi");
        }
        return body;
    }
}
