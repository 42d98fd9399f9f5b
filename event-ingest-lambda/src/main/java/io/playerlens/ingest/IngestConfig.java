package io.playerlens.ingest;

import static io.playerlens.contracts.config.EnvVars.EVENTS_STREAM_NAME;
import static io.playerlens.contracts.config.EnvVars.MAX_BODY_BYTES;
import static io.playerlens.contracts.config.EnvVars.MAX_EVENTS_PER_REQUEST;
import static io.playerlens.contracts.config.EnvVars.MAX_FUTURE_SKEW_MS;
import static io.playerlens.contracts.config.EnvVars.PUT_RETRY_BUDGET_MS;
import static io.playerlens.contracts.config.EnvVars.QUARANTINE_STREAM_NAME;

import io.playerlens.lambda.ApiKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Ingest configuration, read once per container from the environment. Fails fast, naming every missing or
 * malformed variable at once.
 */
public record IngestConfig(
        String eventsStream,
        String quarantineStream,
        ApiKeys apiKeys,
        int maxBodyBytes,
        int maxEventsPerRequest,
        Duration maxFutureSkew,
        Duration putRetryBudget) {

    public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
    public static final int DEFAULT_MAX_EVENTS = 1000;
    public static final Duration DEFAULT_MAX_FUTURE_SKEW = Duration.ofMinutes(5);
    public static final Duration DEFAULT_PUT_RETRY_BUDGET = Duration.ofSeconds(3);

    public static IngestConfig fromEnv(Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        String events = required(env, EVENTS_STREAM_NAME, problems);
        String quarantine = required(env, QUARANTINE_STREAM_NAME, problems);
        int maxBody = positiveInt(env, MAX_BODY_BYTES, DEFAULT_MAX_BODY_BYTES, problems);
        int maxEvents = positiveInt(env, MAX_EVENTS_PER_REQUEST, DEFAULT_MAX_EVENTS, problems);
        int skewMs = positiveInt(env, MAX_FUTURE_SKEW_MS, (int) DEFAULT_MAX_FUTURE_SKEW.toMillis(), problems);
        int budgetMs = positiveInt(env, PUT_RETRY_BUDGET_MS, (int) DEFAULT_PUT_RETRY_BUDGET.toMillis(), problems);
        ApiKeys apiKeys = null;
        try {
            apiKeys = ApiKeys.fromEnv(env);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("invalid ingest configuration: " + String.join("; ", problems));
        }
        return new IngestConfig(events, quarantine, apiKeys, maxBody, maxEvents, Duration.ofMillis(skewMs), Duration.ofMillis(budgetMs));
    }

    private static String required(Map<String, String> env, String name, List<String> problems) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            problems.add(name + " is required");
            return null;
        }
        return value.trim();
    }

    private static int positiveInt(Map<String, String> env, String name, int defaultValue, List<String> problems) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        problems.add(name + " must be a positive integer, got '" + value + "'");
        return defaultValue;
    }
}
