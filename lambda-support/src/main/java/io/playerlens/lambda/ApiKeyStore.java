package io.playerlens.lambda;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The games' API keys as a request sees them. Locally they are fixed ({@code API_KEY_HASHES}). On AWS they live in a
 * Secrets Manager secret ({@code API_KEYS_SECRET_ARN}) as {@code game_id:sha256hex,...}, read at request time and
 * cached for a TTL: a key added or removed takes effect within the TTL with no redeploy, a deploy never replaces the
 * keys, and the constructor that SnapStart snapshots holds none.
 */
@FunctionalInterface
public interface ApiKeyStore {
    /**
     * @return the game a presented key belongs to; empty for a missing or unknown key
     * @throws KeysUnavailable when the keys cannot be read and none were read before
     */
    Optional<String> gameFor(String presentedKey);

    /** The keys cannot be read (the secret store is unreachable) and none are known yet: answer 503, not 401. */
    final class KeysUnavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        KeysUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    static ApiKeyStore fixed(ApiKeys keys) {
        return keys::gameFor;
    }

    /**
     * @param read reads the secret's current value by id
     * @param localMode whether the local dev key may be among the keys (never on AWS)
     */
    static ApiKeyStore secret(Function<String, String> read, String secretId, boolean localMode, Duration ttl, Clock clock) {
        return new Secret(read, secretId, localMode, ttl, clock);
    }

    /** The secret-backed store; see {@link #secret}. */
    final class Secret implements ApiKeyStore {
        private static final Logger LOG = LoggerFactory.getLogger(Secret.class);

        private final Function<String, String> read;
        private final String secretId;
        private final boolean localMode;
        private final Duration ttl;
        private final Clock clock;
        private ApiKeys keys;
        private boolean noneConfigured;
        private long readAt = Long.MIN_VALUE;

        Secret(Function<String, String> read, String secretId, boolean localMode, Duration ttl, Clock clock) {
            this.read = read;
            this.secretId = secretId;
            this.localMode = localMode;
            this.ttl = ttl;
            this.clock = clock;
        }

        @Override
        public Optional<String> gameFor(String presentedKey) {
            ApiKeys current = current();
            return current == null ? Optional.empty() : current.gameFor(presentedKey);
        }

        private synchronized ApiKeys current() {
            long now = clock.millis();
            if ((keys != null || noneConfigured) && now - readAt < ttl.toMillis()) {
                return keys;
            }
            String value;
            try {
                value = read.apply(secretId);
            } catch (RuntimeException e) {
                readAt = now - ttl.toMillis() + Math.min(ttl.toMillis(), 5_000);
                if (keys == null && !noneConfigured) {
                    throw new KeysUnavailable("the API keys cannot be read from " + secretId, e);
                }
                LOG.error("the API keys could not be read from {}; using the keys read before", secretId, e);
                return keys;
            }
            readAt = now;
            try {
                ApiKeys parsed = ApiKeys.parse(value);
                if (parsed.containsKey(ApiKeys.LOCAL_DEV_KEY) && !localMode) {
                    throw new IllegalArgumentException("it holds the local key '" + ApiKeys.LOCAL_DEV_KEY + "'");
                }
                keys = parsed;
                noneConfigured = false;
            } catch (IllegalArgumentException e) {
                if (keys == null) {
                    noneConfigured = true;
                    LOG.error("the API key secret {} holds no usable keys ({}); every request is refused until it holds "
                            + "game_id:sha256hex,... (docs/deploy.md)", secretId, e.getMessage());
                } else {
                    LOG.error("the API key secret {} is not game_id:sha256hex,... ({}); keeping the keys read before", secretId, e.getMessage());
                }
            }
            return keys;
        }
    }
}
