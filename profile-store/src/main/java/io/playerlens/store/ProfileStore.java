package io.playerlens.store;

import io.playerlens.contracts.event.PlayerKey;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Reads the profiles table: one player's item, decoded by {@link ProfileItemCodec} (never throws on its content). */
public final class ProfileStore {
    private ProfileStore() {
    }

    /** The player's profile, if the table has an item for it. SDK exceptions (the store unreachable) propagate. */
    public static Optional<StoredProfile> read(DynamoDbClient dynamo, String table, PlayerKey player) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(ProfileItemCodec.key(player))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(ProfileItemCodec.decode(item));
    }

    /** The player's readable features as of now (windowed ones summed from the tiles now), if the table has an item for it. */
    public static Optional<Map<String, Object>> features(DynamoDbClient dynamo, String table, PlayerKey player) {
        long now = System.currentTimeMillis();
        return read(dynamo, table, player).map(profile -> profile.featuresAsOf(now));
    }
}
