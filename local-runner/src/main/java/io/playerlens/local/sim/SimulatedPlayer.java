package io.playerlens.local.sim;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * One simulated player, as a mobile game sees them: sessions with levels won and lost, coins earned and spent, ads,
 * store visits, offers shown and clicked, and now and then a purchase. Each call to {@link #play} returns the events of
 * the next few seconds of play.
 */
final class SimulatedPlayer {
    private static final String[] PLATFORMS = {"ios", "android"};
    private static final String[] COUNTRIES = {"US", "FR", "JP", "BR", "DE", "IN"};
    private static final String[] OFFERS = {"starter_pack", "coin_pack", "gems_500", "vip_bundle"};

    final String playerId;
    private final Random random;
    private final String platform;
    private final String country;
    private final boolean payer;
    private int level = 1;
    private long coins = 100;
    private String sessionId;
    private long sessionStart;
    private String lastShownOffer;

    SimulatedPlayer(String playerId, Random random) {
        this.playerId = playerId;
        this.random = random;
        this.platform = PLATFORMS[random.nextInt(PLATFORMS.length)];
        this.country = COUNTRIES[random.nextInt(COUNTRIES.length)];
        this.payer = random.nextInt(10) < 2;
    }

    /** The events of the next few seconds of play, ending at {@code now}, in the order they happened. */
    List<ObjectNode> play(long now, int count) {
        List<ObjectNode> events = new ArrayList<>(count);
        long t = now - count * 400L;
        if (sessionId == null) {
            sessionId = UUID.randomUUID().toString();
            sessionStart = t;
            events.add(event("session_start", t, "platform", platform, "country", country, "app_version", "3.4.1"));
        }
        while (events.size() < count) {
            t += 100 + random.nextInt(500);
            int roll = random.nextInt(100);
            if (roll < 30) {
                boolean won = random.nextInt(3) > 0;
                events.add(won ? event("level_complete", t, "level", level++, "duration_s", 20 + random.nextInt(120))
                        : event("level_fail", t, "level", level));
            } else if (roll < 50) {
                long amount = 5L * (1 + random.nextInt(20));
                coins += amount;
                events.add(event("currency_earn", t, "amount", amount, "currency_type", "coins"));
            } else if (roll < 60 && coins >= 50) {
                coins -= 50;
                events.add(event("currency_spend", t, "amount", 50, "currency_type", "coins", "item", "booster"));
            } else if (roll < 68) {
                events.add(event("ad_watched", t, "placement", "rewarded_continue"));
            } else if (roll < 76) {
                events.add(event("store_view", t));
            } else if (roll < 86) {
                lastShownOffer = OFFERS[random.nextInt(OFFERS.length)];
                events.add(event("offer_shown", t, "offer_id", lastShownOffer, "placement", "store", "model", "starter-heuristic"));
            } else if (roll < 92 && lastShownOffer != null) {
                events.add(event("offer_click", t, "offer_id", lastShownOffer, "placement", "store"));
            } else if (roll < 95 && (payer || random.nextInt(10) == 0)) {
                events.add(event("purchase", t, "sku", lastShownOffer == null ? "gems_100" : lastShownOffer, "price_cents",
                        99 + 100 * random.nextInt(20), "currency", "USD"));
            } else if (roll >= 98 && events.size() < count - 1) {
                events.add(event("session_end", t, "duration_s", Math.max(1, (t - sessionStart) / 1000)));
                sessionId = UUID.randomUUID().toString();
                sessionStart = t + 1;
                events.add(event("session_start", t + 1, "platform", platform, "country", country, "app_version", "3.4.1"));
                t += 1;
            }
        }
        return events;
    }

    private ObjectNode event(String type, long ts, Object... props) {
        ObjectNode e = JsonNodeFactory.instance.objectNode();
        e.put("event_id", UUID.randomUUID().toString());
        e.put("player_id", playerId);
        e.put("type", type);
        e.put("ts", ts);
        e.put("session_id", sessionId);
        ObjectNode p = e.putObject("props");
        for (int i = 0; i < props.length; i += 2) {
            Object v = props[i + 1];
            if (v instanceof Number n) {
                p.put((String) props[i], n.longValue());
            } else {
                p.put((String) props[i], (String) v);
            }
        }
        p.put("device", platform.equals("ios") ? "iPhone14,2" : "Pixel 8");
        return e;
    }
}
