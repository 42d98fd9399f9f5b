package io.playerlens.models.runtime;

import java.util.Map;
import java.util.Optional;

/** Where a model reads a player's features from (DynamoDB on AWS and locally; a map in tests). */
@FunctionalInterface
public interface ProfileSource {
    Optional<Map<String, Object>> features(String playerId);
}
