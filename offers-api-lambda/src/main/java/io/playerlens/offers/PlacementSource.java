package io.playerlens.offers;

import io.playerlens.contracts.offers.Placements;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the offers API gets its placements, asked on every request (never in the constructor, which SnapStart
 * snapshots at publish time: nothing that must be fresh may be read there).
 */
@FunctionalInterface
public interface PlacementSource {
    Placements current();

    /** The same placements every time: locally, {@code models/placements.json}. */
    static PlacementSource fixed(Placements placements) {
        return () -> placements;
    }

    /**
     * The SSM registry, read at most every {@code ttl} and cached in between: a model stack deployed later gets its
     * traffic within one TTL, with no new offers version. While the registry cannot be read, the last placements read
     * are served; before any read succeeded, {@code fallback} (the placements' own settings without variants, from
     * the function's environment), so a game still gets each placement's default offers.
     */
    static PlacementSource registry(Function<String, Map<String, String>> ssm, String path, Placements fallback, Duration ttl, Clock clock) {
        return new Registry(ssm, path, fallback, ttl, clock);
    }

    /** The SSM-backed source; see {@link #registry}. */
    final class Registry implements PlacementSource {
        private static final Logger LOG = LoggerFactory.getLogger(Registry.class);

        private final Function<String, Map<String, String>> ssm;
        private final String path;
        private final Placements fallback;
        private final Duration ttl;
        private final Clock clock;
        private Placements cached;
        private long readAt = Long.MIN_VALUE;

        Registry(Function<String, Map<String, String>> ssm, String path, Placements fallback, Duration ttl, Clock clock) {
            this.ssm = ssm;
            this.path = path;
            this.fallback = fallback;
            this.ttl = ttl;
            this.clock = clock;
        }

        @Override
        public synchronized Placements current() {
            long now = clock.millis();
            if (cached != null && now - readAt < ttl.toMillis()) {
                return cached;
            }
            try {
                cached = Placements.parse(PlacementRegistry.toPlacementsJson(ssm.apply(path)));
                readAt = now;
            } catch (RuntimeException e) {
                // Keep serving what we know; try again on the next request after a short pause.
                LOG.error("the placement registry at {} could not be read; serving {}", path, cached != null ? "the last placements read"
                        : "each placement's default offers", e);
                readAt = now - ttl.toMillis() + Math.min(ttl.toMillis(), 5_000);
                if (cached == null) {
                    return fallback;
                }
            }
            return cached;
        }
    }
}
