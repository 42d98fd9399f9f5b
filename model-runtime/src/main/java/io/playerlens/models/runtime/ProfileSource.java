package io.playerlens.models.runtime;

import io.playerlens.contracts.event.PlayerKey;
import java.util.Map;
import java.util.Optional;

/** Where a model reads a player's features from (DynamoDB on AWS and locally; a map in tests): that game's player only. */
@FunctionalInterface
public interface ProfileSource {
    Optional<Map<String, Object>> features(PlayerKey player);
}
