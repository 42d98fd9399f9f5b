package io.playerlens.offers;

import io.playerlens.contracts.config.EnvVars;
import io.playerlens.contracts.offers.ModelFunctions;
import io.playerlens.contracts.offers.Placements;
import io.playerlens.lambda.ApiKeyStore;
import io.playerlens.lambda.EnvReader;
import java.util.Map;

/**
 * Offers API configuration, read once per container. Placements: locally {@code PLACEMENTS_JSON} (the content of
 * {@code models/placements.json}); on AWS the SSM registry the CDK stacks write ({@code PLACEMENTS_SSM_PATH}, see
 * {@link PlacementRegistry}), read at request time with a {@code PLACEMENTS_TTL_MS} cache, and {@code PLACEMENTS_JSON}
 * holding the placements' own settings (defaults, budget, salt) to serve until the registry has been read.
 */
public record OffersConfig(ApiKeyStore apiKeys, PlacementSource placements, String modelFunctionPrefix) {
    /** How long placements read from the registry are served before it is read again. */
    public static final int DEFAULT_PLACEMENTS_TTL_MS = 30_000;

    public static OffersConfig fromEnv(Map<String, String> env) {
        return fromEnv(env, path -> {
            throw new IllegalStateException(EnvVars.PLACEMENTS_SSM_PATH + " is set but no SSM reader was given");
        });
    }

    /** @param ssm reads every parameter under a path (name → value); called at request time, never here */
    public static OffersConfig fromEnv(Map<String, String> env, java.util.function.Function<String, Map<String, String>> ssm) {
        EnvReader reader = new EnvReader(env);
        ApiKeyStore keys = reader.apiKeys();
        String ssmPath = env.get(EnvVars.PLACEMENTS_SSM_PATH);
        String placementsJson = reader.required(EnvVars.PLACEMENTS_JSON);
        String prefix = env.getOrDefault(EnvVars.MODEL_FUNCTION_PREFIX, ModelFunctions.DEFAULT_PREFIX);
        int ttlMs = reader.positiveInt(EnvVars.PLACEMENTS_TTL_MS, DEFAULT_PLACEMENTS_TTL_MS);
        reader.failOnProblems("offers API");
        Placements fromEnv = Placements.parse(placementsJson);
        PlacementSource placements = ssmPath != null && !ssmPath.isBlank()
                ? PlacementSource.registry(ssm, ssmPath.trim(), fromEnv, java.time.Duration.ofMillis(ttlMs), java.time.Clock.systemUTC())
                : PlacementSource.fixed(fromEnv);
        return new OffersConfig(keys, placements, prefix);
    }

    /** The same settings, placements from elsewhere. */
    public OffersConfig withPlacements(PlacementSource other) {
        return new OffersConfig(apiKeys, other, modelFunctionPrefix);
    }
}
