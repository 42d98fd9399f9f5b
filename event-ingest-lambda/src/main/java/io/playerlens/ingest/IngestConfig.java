package io.playerlens.ingest;

import static io.playerlens.contracts.config.EnvVars.EVENTS_STREAM_NAME;
import static io.playerlens.contracts.config.EnvVars.GAME_EVENT_LIMITS;
import static io.playerlens.contracts.config.EnvVars.MAX_BODY_BYTES;
import static io.playerlens.contracts.config.EnvVars.MAX_EVENTS_PER_REQUEST;
import static io.playerlens.contracts.config.EnvVars.MAX_EVENT_AGE_MS;
import static io.playerlens.contracts.config.EnvVars.MAX_FUTURE_SKEW_MS;
import static io.playerlens.contracts.config.EnvVars.PUT_RETRY_BUDGET_MS;
import static io.playerlens.contracts.config.EnvVars.QUARANTINE_STREAM_NAME;
import static io.playerlens.contracts.config.EnvVars.SHARD_MAP_TTL_MS;

import io.playerlens.contracts.event.EventTimePolicy;
import io.playerlens.lambda.ApiKeyStore;
import io.playerlens.lambda.EnvReader;
import java.time.Duration;
import java.util.Map;

/**
 * Ingest configuration, read once per container from the environment. Fails fast, naming every missing or
 * malformed variable at once.
 */
public record IngestConfig(
        String eventsStream,
        String quarantineStream,
        ApiKeyStore apiKeys,
        int maxBodyBytes,
        int maxEventsPerRequest,
        EventTimePolicy timePolicy,
        Duration putRetryBudget,
        Duration shardMapTtl,
        Map<String, Double> gameEventLimits) {

    public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
    public static final int DEFAULT_MAX_EVENTS = 1000;
    public static final Duration DEFAULT_PUT_RETRY_BUDGET = Duration.ofSeconds(3);
    public static final Duration DEFAULT_SHARD_MAP_TTL = Duration.ofSeconds(30);

    public static IngestConfig fromEnv(Map<String, String> env) {
        EnvReader reader = new EnvReader(env);
        String events = reader.required(EVENTS_STREAM_NAME);
        String quarantine = reader.required(QUARANTINE_STREAM_NAME);
        int maxBody = reader.positiveInt(MAX_BODY_BYTES, DEFAULT_MAX_BODY_BYTES);
        int maxEvents = reader.positiveInt(MAX_EVENTS_PER_REQUEST, DEFAULT_MAX_EVENTS);
        long skewMs = reader.positiveLong(MAX_FUTURE_SKEW_MS, EventTimePolicy.DEFAULT_MAX_FUTURE_SKEW.toMillis());
        long maxAgeMs = reader.positiveLong(MAX_EVENT_AGE_MS, EventTimePolicy.DEFAULT_MAX_AGE.toMillis());
        int budgetMs = reader.positiveInt(PUT_RETRY_BUDGET_MS, (int) DEFAULT_PUT_RETRY_BUDGET.toMillis());
        long shardMapTtlMs = reader.nonNegativeLong(SHARD_MAP_TTL_MS, DEFAULT_SHARD_MAP_TTL.toMillis());
        ApiKeyStore keys = reader.apiKeys();
        Map<String, Double> limits = Map.of();
        try {
            limits = GameLimits.parse(env.get(GAME_EVENT_LIMITS));
        } catch (IllegalArgumentException e) {
            reader.problem(GAME_EVENT_LIMITS + ": " + e.getMessage());
        }
        reader.failOnProblems("ingest");
        return new IngestConfig(events, quarantine, keys, maxBody, maxEvents,
                new EventTimePolicy(Duration.ofMillis(maxAgeMs), Duration.ofMillis(skewMs)), Duration.ofMillis(budgetMs),
                Duration.ofMillis(shardMapTtlMs), limits);
    }
}
