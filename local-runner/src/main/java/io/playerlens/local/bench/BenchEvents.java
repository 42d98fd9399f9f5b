package io.playerlens.local.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Random;
import java.util.UUID;

/** Client batches for load: one player, valid catalog events with realistic props, ~300 bytes each. */
final class BenchEvents {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String[] TYPES = {"level_complete", "currency_earn", "currency_spend", "store_view", "ad_watched",
        "level_fail", "purchase", "session_start", "session_end"};

    private BenchEvents() {
    }

    static byte[] batch(Random random, String player, int size, long now) {
        ObjectNode body = MAPPER.createObjectNode();
        ArrayNode events = body.putArray("events");
        for (int i = 0; i < size; i++) {
            String type = TYPES[random.nextInt(TYPES.length)];
            ObjectNode e = events.addObject();
            e.put("event_id", new UUID(random.nextLong(), random.nextLong()).toString());
            e.put("player_id", player);
            e.put("type", type);
            // Mobile clients flush a little after the fact: event time up to 2 s before the POST.
            e.put("ts", now - random.nextInt(2000));
            e.put("session_id", "s-" + player);
            ObjectNode p = e.putObject("props");
            switch (type) {
                case "level_complete" -> p.put("level", 1 + random.nextInt(100)).put("duration_s", 20 + random.nextInt(200));
                case "level_fail" -> p.put("level", 1 + random.nextInt(100));
                case "currency_earn" -> p.put("amount", 5 * (1 + random.nextInt(20))).put("currency_type", "coins");
                case "currency_spend" -> p.put("amount", 10).put("currency_type", "coins").put("item", "booster");
                case "ad_watched" -> p.put("placement", "rewarded");
                case "purchase" -> p.put("sku", "gems_100").put("price_cents", 499).put("currency", "USD");
                case "session_start" -> p.put("platform", "ios").put("country", "FR").put("app_version", "3.4.1");
                case "session_end" -> p.put("duration_s", 300 + random.nextInt(900));
                default -> { }
            }
            p.put("device", "iPhone14,2").put("os", "iOS 17.4").put("connection", "wifi");
        }
        return body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
