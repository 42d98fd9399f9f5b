package io.playerlens.offers;

import io.playerlens.contracts.config.EnvVars;
import io.playerlens.contracts.offers.ModelFunctions;
import io.playerlens.lambda.ApiKeys;
import io.playerlens.lambda.EnvReader;
import java.util.Map;

/**
 * Offers API configuration, read once per container. Placements come from {@code PLACEMENTS_JSON} (locally, the
 * content of {@code models/placements.json}) or, on AWS, from the SSM registry the CDK stacks write
 * ({@code PLACEMENTS_SSM_PATH}, see {@link PlacementRegistry}).
 */
public record OffersConfig(ApiKeys apiKeys, String eventsStream, Placements placements, String modelFunctionPrefix,
                           java.time.Duration offerServedTimeout) {
    /** The default time budget of the {@code offer_served} put, before the decision goes to the log instead. */
    public static final int DEFAULT_OFFER_SERVED_TIMEOUT_MS = 200;


    public static OffersConfig fromEnv(Map<String, String> env) {
        return fromEnv(env, path -> {
            throw new IllegalStateException(EnvVars.PLACEMENTS_SSM_PATH + " is set but no SSM reader was given");
        });
    }

    /** @param ssm reads every parameter under a path (name → value) */
    public static OffersConfig fromEnv(Map<String, String> env, java.util.function.Function<String, Map<String, String>> ssm) {
        EnvReader reader = new EnvReader(env);
        ApiKeys keys = reader.apiKeys();
        String stream = reader.required(EnvVars.EVENTS_STREAM_NAME);
        String ssmPath = env.get(EnvVars.PLACEMENTS_SSM_PATH);
        String placementsJson = ssmPath != null && !ssmPath.isBlank()
                ? PlacementRegistry.toPlacementsJson(ssm.apply(ssmPath))
                : reader.required(EnvVars.PLACEMENTS_JSON);
        String prefix = env.getOrDefault(EnvVars.MODEL_FUNCTION_PREFIX, ModelFunctions.DEFAULT_PREFIX);
        int timeoutMs = reader.positiveInt(EnvVars.OFFER_SERVED_TIMEOUT_MS, DEFAULT_OFFER_SERVED_TIMEOUT_MS);
        reader.failOnProblems("offers API");
        return new OffersConfig(keys, stream, Placements.parse(placementsJson), prefix, java.time.Duration.ofMillis(timeoutMs));
    }
}
