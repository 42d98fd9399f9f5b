package io.playerlens.simulator;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * One simulated player, as a mobile game sees them: sessions with levels won and lost, coins earned and spent, ads,
 * store visits, offers shown and clicked, and now and then a purchase, with the props real clients add (device, OS,
 * app version, connection; about 300 bytes of JSON per event). Each call to {@link #play} returns the events of the
 * next few seconds of play. Deterministic for the {@link Random} it is given (ids included).
 */
public final class SimulatedPlayer {
    private static final String[] PLATFORMS = {"ios", "android"};
    private static final String[] COUNTRIES = {"US", "FR", "JP", "BR", "DE", "IN"};
    private static final String[] IOS_DEVICES = {"iPhone14,2", "iPhone15,3"};
    private static final String[] ANDROID_DEVICES = {"SM-S911B", "Pixel 8", "SM-A546B"};
    private static final String[] IOS_VERSIONS = {"iOS 17.1", "iOS 17.4"};
    private static final String[] ANDROID_VERSIONS = {"Android 14", "Android 13"};
    /** The offers the simulated store shows (the example placement's). */
    public static final String[] OFFERS = {"starter_pack", "coin_pack", "gems_500", "vip_bundle"};
    static final String APP_VERSION = "3.4.1";

    private final String playerId;
    private final Random random;
    private final String platform;
    private final String country;
    private final String device;
    private final String os;
    private final boolean payer;
    private int level = 1;
    private long coins = 100;
    private String sessionId;
    private long sessionStart;
    private String lastShownOffer;

    public SimulatedPlayer(String playerId, Random random) {
        this.playerId = playerId;
        this.random = random;
        this.platform = PLATFORMS[random.nextInt(PLATFORMS.length)];
        this.country = COUNTRIES[random.nextInt(COUNTRIES.length)];
        boolean ios = platform.equals("ios");
        this.device = ios ? IOS_DEVICES[random.nextInt(IOS_DEVICES.length)] : ANDROID_DEVICES[random.nextInt(ANDROID_DEVICES.length)];
        this.os = ios ? IOS_VERSIONS[random.nextInt(IOS_VERSIONS.length)] : ANDROID_VERSIONS[random.nextInt(ANDROID_VERSIONS.length)];
        this.payer = random.nextInt(10) < 2;
    }

    public String playerId() {
        return playerId;
    }

    /** Whether this player buys more often than most (a fifth of players do). */
    public boolean payer() {
        return payer;
    }

    /**
     * The events of the next few seconds of play, ending at {@code now} at the latest, in the order they happened
     * (a client batches them and sends them at {@code now}).
     */
    public List<ObjectNode> play(long now, int count) {
        List<ObjectNode> events = new ArrayList<>(count);
        long t = now - count * 400L;
        if (sessionId == null) {
            sessionId = uuid();
            sessionStart = t;
            events.add(event("session_start", t, "platform", platform, "country", country, "app_version", APP_VERSION));
        }
        while (events.size() < count) {
            t = Math.min(now, t + 100 + random.nextInt(500));
            int roll = random.nextInt(100);
            if (roll < 30) {
                boolean won = random.nextInt(3) > 0;
                events.add(won ? event("level_complete", t, "level", level++, "duration_s", 20 + random.nextInt(1200) / 10.0,
                        "stars", 1 + random.nextInt(3))
                        : event("level_fail", t, "level", level, "reason", random.nextBoolean() ? "out_of_moves" : "timeout"));
            } else if (roll < 50) {
                long amount = 5L * (1 + random.nextInt(20));
                coins += amount;
                events.add(event("currency_earn", t, "amount", amount, "currency_type", "coins", "source",
                        random.nextBoolean() ? "level_reward" : "daily_bonus"));
            } else if (roll < 60 && coins >= 50) {
                coins -= 50;
                events.add(event("currency_spend", t, "amount", 50, "currency_type", "coins", "item", "booster_" + random.nextInt(6)));
            } else if (roll < 68) {
                events.add(event("ad_watched", t, "placement", "rewarded_continue", "network", "admob"));
            } else if (roll < 76) {
                events.add(event("store_view", t, "screen", "store"));
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
                sessionId = uuid();
                sessionStart = t;
                events.add(event("session_start", t, "platform", platform, "country", country, "app_version", APP_VERSION));
            }
        }
        return events;
    }

    private String uuid() {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    private ObjectNode event(String type, long ts, Object... props) {
        ObjectNode e = JsonNodeFactory.instance.objectNode();
        e.put("event_id", uuid());
        e.put("player_id", playerId);
        e.put("type", type);
        e.put("ts", ts);
        e.put("session_id", sessionId);
        ObjectNode p = e.putObject("props");
        for (int i = 0; i < props.length; i += 2) {
            Object v = props[i + 1];
            if (v instanceof Double d) {
                p.put((String) props[i], d);
            } else if (v instanceof Number n) {
                p.put((String) props[i], n.longValue());
            } else {
                p.put((String) props[i], (String) v);
            }
        }
        p.put("device", device).put("os", os).put("connection", random.nextInt(4) == 0 ? "cellular" : "wifi");
        return e;
    }
}
