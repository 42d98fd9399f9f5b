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

    /**
     * The player's profile, if the table has one for it (an erasure's tombstone is none). SDK exceptions (the store
     * unreachable) propagate.
     */
    public static Optional<StoredProfile> read(DynamoDbClient dynamo, String table, PlayerKey player) {
        Map<String, AttributeValue> item = item(dynamo, table, player);
        return item.isEmpty() || ProfileItemCodec.isTombstone(item) ? Optional.empty() : Optional.of(ProfileItemCodec.decode(item));
    }

    /**
     * What the table knows of the player's latest erasure: its tombstone (pending until the feature job applies it), or a
     * completed erasure with unknown times when the player has a profile of a later epoch (the job wrote it after
     * applying the erasure); empty when neither.
     */
    public static Optional<ProfileItemCodec.Erasure> erasure(DynamoDbClient dynamo, String table, PlayerKey player) {
        Map<String, AttributeValue> item = item(dynamo, table, player);
        if (item.isEmpty()) {
            return Optional.empty();
        }
        Optional<ProfileItemCodec.Erasure> tombstone = ProfileItemCodec.erasure(item);
        if (tombstone.isPresent()) {
            return tombstone;
        }
        StoredProfile profile = ProfileItemCodec.decode(item);
        return profile.profileEpoch() > 0 ? Optional.of(new ProfileItemCodec.Erasure(-1, true, -1, profile.profileEpoch())) : Optional.empty();
    }

    private static Map<String, AttributeValue> item(DynamoDbClient dynamo, String table, PlayerKey player) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(ProfileItemCodec.key(player))).item();
        return item == null ? Map.of() : item;
    }

    /** The player's readable features as of now (windowed ones summed from the tiles now), if the table has an item for it. */
    public static Optional<Map<String, Object>> features(DynamoDbClient dynamo, String table, PlayerKey player) {
        long now = System.currentTimeMillis();
        return read(dynamo, table, player).map(profile -> profile.featuresAsOf(now));
    }

    /**
     * Up to {@code limit} stored profiles (tombstones left out), in the table's scan order: real profiles for a tool to
     * try a model on ({@code model check --live}). Items it cannot decode are skipped as {@link #read} would report them.
     */
    public static java.util.List<StoredProfile> sample(DynamoDbClient dynamo, String table, int limit) {
        java.util.List<StoredProfile> profiles = new java.util.ArrayList<>();
        for (Map<String, AttributeValue> item : dynamo.scanPaginator(b -> b.tableName(table).limit(Math.min(limit, 500))).items()) {
            if (profiles.size() >= limit) {
                break;
            }
            if (ProfileItemCodec.isTombstone(item)) {
                continue;
            }
            try {
                profiles.add(ProfileItemCodec.decode(item));
            } catch (RuntimeException unreadable) {
                // not a profile a model would be given either
            }
        }
        return profiles;
    }
}
