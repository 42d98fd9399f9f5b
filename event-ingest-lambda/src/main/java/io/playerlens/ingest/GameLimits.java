package io.playerlens.ingest;

import io.playerlens.contracts.config.EnvVars;
import io.playerlens.contracts.event.PlayerKey;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * Per-game ingest limits ({@link EnvVars#GAME_EVENT_LIMITS}): a token bucket of events per game, refilled at the game's
 * rate and holding one second of it. A batch larger than the bucket passes when the bucket is full and leaves it in
 * debt, so the largest batch allowed can always pass and the average rate still holds. A game over its limit is refused with a retry time and takes nothing from another game's bucket:
 * one game flooding ingest cannot spend the stream's capacity every game shares.
 *
 * <p>Each execution environment holds its own buckets. Locally there is one; on Lambda a game's effective limit is
 * its rate times the environments serving it, bounded by the ingest function's reserved concurrency (docs/deploy.md).
 */
final class GameLimits {
    static final String ANY_GAME = "*";

    private final Map<String, Double> rates;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new HashMap<>();

    private static final class Bucket {
        double tokens;
        long refilledAt;
    }

    GameLimits(Map<String, Double> rates, LongSupplier nanoTime) {
        this.rates = Map.copyOf(rates);
        this.nanoTime = nanoTime;
    }

    static GameLimits none() {
        return new GameLimits(Map.of(), System::nanoTime);
    }

    /** Parses {@code game_id:rate,...} ({@code *} for every other game); blank means no limits. */
    static Map<String, Double> parse(String spec) {
        Map<String, Double> rates = new LinkedHashMap<>();
        if (spec == null || spec.isBlank()) {
            return rates;
        }
        for (String pair : spec.split(",")) {
            String trimmed = pair.trim();
            int colon = trimmed.lastIndexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("expected game_id:events_per_second, got '" + trimmed + "'");
            }
            String game = trimmed.substring(0, colon).trim();
            if (!game.equals(ANY_GAME) && !PlayerKey.isValidGameId(game)) {
                throw new IllegalArgumentException(PlayerKey.GAME_ID_RULE + " (or *), got '" + game + "'");
            }
            double rate;
            try {
                rate = Double.parseDouble(trimmed.substring(colon + 1).trim());
            } catch (NumberFormatException e) {
                rate = Double.NaN;
            }
            if (!(rate > 0) || Double.isInfinite(rate)) {
                throw new IllegalArgumentException("the limit of " + game + " must be a positive number of events per second");
            }
            if (rates.put(game, rate) != null) {
                throw new IllegalArgumentException("game " + game + " has two limits");
            }
        }
        return rates;
    }

    boolean isEmpty() {
        return rates.isEmpty();
    }

    /**
     * Takes {@code events} from the game's bucket.
     *
     * @return empty when admitted; else the milliseconds until the bucket holds enough (nothing is taken)
     */
    synchronized OptionalLong admit(String gameId, int events) {
        Double rate = rates.getOrDefault(gameId, rates.get(ANY_GAME));
        if (rate == null || events <= 0) {
            return OptionalLong.empty();
        }
        double capacity = rate;
        long now = nanoTime.getAsLong();
        Bucket bucket = buckets.computeIfAbsent(gameId, g -> {
            Bucket fresh = new Bucket();
            fresh.tokens = capacity;
            fresh.refilledAt = now;
            return fresh;
        });
        bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.refilledAt) / 1e9 * rate);
        bucket.refilledAt = now;
        double needed = Math.min(events, capacity);
        if (bucket.tokens >= needed) {
            bucket.tokens -= events;
            return OptionalLong.empty();
        }
        double missing = needed - bucket.tokens;
        return OptionalLong.of(Math.max(1, (long) Math.ceil(missing / rate * 1000)));
    }
}
