package io.playerlens.store;

import static io.playerlens.contracts.profile.ProfileItem.ERASED_AT;
import static io.playerlens.contracts.profile.ProfileItem.ERASURE_REQUESTED_AT;
import static io.playerlens.contracts.profile.ProfileItem.EXPIRES_AT;
import static io.playerlens.contracts.profile.ProfileItem.FEATURES;
import static io.playerlens.contracts.profile.ProfileItem.GAME_ID;
import static io.playerlens.contracts.profile.ProfileItem.KEY;
import static io.playerlens.contracts.profile.ProfileItem.PLAYER_ID;
import static io.playerlens.contracts.profile.ProfileItem.PROCESSED_AT;
import static io.playerlens.contracts.profile.ProfileItem.PROFILE_EPOCH;
import static io.playerlens.contracts.profile.ProfileItem.RECEIVED_AT;
import static io.playerlens.contracts.profile.ProfileItem.TILES;
import static io.playerlens.contracts.profile.ProfileItem.UPDATED_AT;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.playerlens.contracts.event.EventValidator;
import io.playerlens.contracts.event.PlayerKey;
import io.playerlens.contracts.event.Unicode;
import io.playerlens.contracts.profile.TileSet;
import io.playerlens.contracts.profile.Tiles;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The profiles table's item, written and read in one place. Layout: {@code player_key} (S, partition key,
 * {@code <game_id>/<player_id>}, {@link PlayerKey}), {@code player_id} (S), {@code game_id} (S), {@code features} (M: name → N, S, BOOL or NULL), {@code updated_at}, {@code received_at},
 * {@code processed_at} (N, epoch millis), {@code profile_epoch} (N), {@code expires_at} (N, epoch seconds, the
 * table's TTL attribute). Names are in contracts' {@code ProfileItem}.
 *
 * <p>{@link #encode} refuses, naming every value at fault, an item DynamoDB would refuse (a number out of its range or
 * precision, text that is not Unicode, an item over 400 KB), so a writer can dead-letter it instead of failing; the
 * numbers it writes are formatted once ({@link StoreNumbers}). {@link #decode} reads any item and never throws.
 */
public final class ProfileItemCodec {
    /** DynamoDB's item size limit. */
    public static final int MAX_ITEM_BYTES = 400 * 1024;

    private ProfileItemCodec() {
    }

    /** The item of a record, expiring {@code ttl} after its {@code updated_at}. */
    public static Map<String, AttributeValue> encode(ProfileRecord record, Duration ttl) throws UnstorableProfileException {
        List<String> problems = new ArrayList<>();
        Map<String, AttributeValue> item = new HashMap<>();
        PlayerKey player = PlayerKey.orNull(record.gameId(), record.playerId());
        if (player == null) {
            problems.add("the item's key needs a valid game_id and player_id (" + PlayerKey.GAME_ID_RULE + "; "
                    + EventValidator.PLAYER_ID_RULE + "), got game_id " + Unicode.printable(String.valueOf(record.gameId()))
                    + " and player_id " + Unicode.printable(String.valueOf(record.playerId())));
        } else {
            item.put(KEY, AttributeValue.fromS(player.value()));
        }
        item.put(PLAYER_ID, text(PLAYER_ID, record.playerId(), problems));
        item.put(GAME_ID, text(GAME_ID, record.gameId(), problems));
        item.put(FEATURES, AttributeValue.fromM(features(record.features(), problems)));
        if (!record.tiles().isEmpty()) {
            item.put(TILES, AttributeValue.fromM(tiles(record.tiles(), problems)));
        }
        item.put(UPDATED_AT, number(record.updatedAt()));
        item.put(RECEIVED_AT, number(record.receivedAt()));
        if (record.processedAt() >= 0) {
            item.put(PROCESSED_AT, number(record.processedAt()));
        }
        item.put(PROFILE_EPOCH, number(record.profileEpoch()));
        item.put(EXPIRES_AT, number(expiresAt(record.updatedAt(), ttl)));
        long size = estimatedSize(item);
        if (size > MAX_ITEM_BYTES) {
            problems.add("the item is about " + size + " bytes; DynamoDB holds at most " + MAX_ITEM_BYTES);
        }
        if (!problems.isEmpty()) {
            throw new UnstorableProfileException(problems);
        }
        return item;
    }

    /** The table key of a player's item: {@link PlayerKey#value()} under {@code player_key}. */
    public static Map<String, AttributeValue> key(PlayerKey player) {
        return Map.of(KEY, AttributeValue.fromS(player.value()));
    }

    /**
     * An erasure as the profile table records it.
     *
     * @param requestedAt when the platform received it, epoch millis; -1 when no longer known
     * @param completed whether the feature job has applied it
     * @param erasedAt when the job applied it, epoch millis; -1 when pending or not known
     * @param profileEpoch the player's epoch after it; -1 when pending
     */
    public static final class Erasure {
        private final long requestedAt;
        private final boolean completed;
        private final long erasedAt;
        private final int profileEpoch;

        public Erasure(long requestedAt, boolean completed, long erasedAt, int profileEpoch) {
            this.requestedAt = requestedAt;
            this.completed = completed;
            this.erasedAt = erasedAt;
            this.profileEpoch = profileEpoch;
        }

        public long requestedAt() {
            return requestedAt;
        }

        public boolean completed() {
            return completed;
        }

        public long erasedAt() {
            return erasedAt;
        }

        public int profileEpoch() {
            return profileEpoch;
        }
    }

    /**
     * An erasure's tombstone: the player's key and ids, when the erasure was received, and — written by the feature job
     * when it applies it — when it did and the player's new epoch ({@code erasedAt} and {@code profileEpoch} -1 for the
     * profile API's pending tombstone). No features: every reader treats it as no profile. Kept {@link
     * io.playerlens.contracts.event.ErasureRule#MEMORY}.
     */
    public static Map<String, AttributeValue> tombstone(PlayerKey player, long requestedAt, long erasedAt, int profileEpoch) {
        Map<String, AttributeValue> item = new HashMap<>(key(player));
        item.put(PLAYER_ID, AttributeValue.fromS(player.playerId()));
        item.put(GAME_ID, AttributeValue.fromS(player.gameId()));
        item.put(ERASURE_REQUESTED_AT, number(requestedAt));
        if (erasedAt >= 0) {
            item.put(ERASED_AT, number(erasedAt));
            item.put(UPDATED_AT, number(erasedAt));
        }
        if (profileEpoch >= 0) {
            item.put(PROFILE_EPOCH, number(profileEpoch));
        }
        item.put(EXPIRES_AT, number(expiresAt(Math.max(requestedAt, erasedAt), io.playerlens.contracts.event.ErasureRule.MEMORY)));
        return item;
    }

    /** Whether an item is an erasure's tombstone rather than a profile. */
    public static boolean isTombstone(Map<String, AttributeValue> item) {
        return !item.containsKey(FEATURES) && item.containsKey(ERASURE_REQUESTED_AT);
    }

    /** The erasure a tombstone records; empty for any other item. */
    public static Optional<Erasure> erasure(Map<String, AttributeValue> item) {
        if (!isTombstone(item)) {
            return Optional.empty();
        }
        List<String> ignored = new ArrayList<>();
        long requested = stamp(item, ERASURE_REQUESTED_AT, ignored);
        long erased = item.containsKey(ERASED_AT) ? stamp(item, ERASED_AT, ignored) : -1;
        int epoch = item.containsKey(PROFILE_EPOCH) ? (int) stamp(item, PROFILE_EPOCH, ignored) : -1;
        return Optional.of(new Erasure(requested, erased >= 0, erased, epoch));
    }

    /** The TTL attribute's value: epoch seconds {@code ttl} after {@code updatedAtMillis}. */
    public static long expiresAt(long updatedAtMillis, Duration ttl) {
        return updatedAtMillis / 1000 + ttl.toSeconds();
    }

    /** Feature name → attribute value; problems of values the store cannot hold are added to {@code problems}. */
    public static Map<String, AttributeValue> features(ObjectNode features, List<String> problems) {
        Map<String, AttributeValue> values = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = features.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> feature = it.next();
            Optional<String> nameProblem = Unicode.problem(feature.getKey());
            if (nameProblem.isPresent()) {
                problems.add("feature name " + nameProblem.get());
                continue;
            }
            featureValue(feature.getValue(), "features." + feature.getKey(), problems).ifPresent(v -> values.put(feature.getKey(), v));
        }
        return values;
    }

    /** One feature value as stored (N, S, BOOL or NULL); empty with a problem when the store cannot hold it. */
    public static Optional<AttributeValue> featureValue(JsonNode value, String name, List<String> problems) {
        if (value == null || value.isNull()) {
            return Optional.of(AttributeValue.fromNul(true));
        }
        if (value.isNumber()) {
            Number n = value.numberValue();
            Optional<String> problem = StoreNumbers.problem(n);
            if (problem.isPresent()) {
                problems.add(name + " " + problem.get());
                return Optional.empty();
            }
            return Optional.of(AttributeValue.fromN(StoreNumbers.format(n).orElseThrow()));
        }
        if (value.isBoolean()) {
            return Optional.of(AttributeValue.fromBool(value.booleanValue()));
        }
        if (value.isTextual()) {
            Optional<String> problem = Unicode.problem(value.asText());
            if (problem.isPresent()) {
                problems.add(name + " " + problem.get());
                return Optional.empty();
            }
            return Optional.of(AttributeValue.fromS(value.asText()));
        }
        problems.add(name + " is " + (value.isArray() ? "an array" : "an object") + "; features are numbers, strings, booleans or null");
        return Optional.empty();
    }

    /** Group name → its tiles in compact text; tiles the store cannot hold (a non-finite value) are problems. */
    public static Map<String, AttributeValue> tiles(Map<String, TileSet> tiles, List<String> problems) {
        Map<String, AttributeValue> values = new HashMap<>();
        tiles.forEach((group, set) -> {
            for (double[] tile : set.tiles().values()) {
                for (double v : tile) {
                    Optional<String> problem = StoreNumbers.problem(v);
                    if (problem.isPresent()) {
                        problems.add(TILES + "." + group + " " + problem.get());
                        return;
                    }
                }
            }
            values.put(group, AttributeValue.fromS(Tiles.encode(set)));
        });
        return values;
    }

    /** Reads any item: what is readable, and a problem for each attribute that is not. Never throws. */
    public static StoredProfile decode(Map<String, AttributeValue> item) {
        List<String> problems = new ArrayList<>();
        String playerId = string(item, PLAYER_ID, true, problems);
        String gameId = string(item, GAME_ID, true, problems);
        Map<String, Object> features = new TreeMap<>();
        AttributeValue map = item.get(FEATURES);
        if (map == null || map.type() != AttributeValue.Type.M) {
            problems.add(FEATURES + " is " + (map == null ? "missing" : "a " + map.type() + ", not a map"));
        } else {
            for (Map.Entry<String, AttributeValue> feature : map.m().entrySet()) {
                readFeature(feature.getKey(), feature.getValue(), features, problems);
            }
        }
        Map<String, TileSet> tiles = new TreeMap<>();
        AttributeValue tileMap = item.get(TILES);
        if (tileMap != null && tileMap.type() != AttributeValue.Type.M) {
            problems.add(TILES + " is a " + tileMap.type() + ", not a map");
        } else if (tileMap != null) {
            for (Map.Entry<String, AttributeValue> group : tileMap.m().entrySet()) {
                if (group.getValue().type() != AttributeValue.Type.S) {
                    problems.add(TILES + "." + Unicode.printable(group.getKey()) + " is a " + group.getValue().type() + ", not tiles");
                    continue;
                }
                List<String> groupProblems = new ArrayList<>();
                TileSet set = Tiles.decode(group.getValue().s(), groupProblems);
                groupProblems.forEach(p -> problems.add(TILES + "." + Unicode.printable(group.getKey()) + ": " + p));
                tiles.put(group.getKey(), set);
            }
        }
        return new StoredProfile(playerId, gameId, features, tiles, stamp(item, UPDATED_AT, problems), stamp(item, RECEIVED_AT, problems),
                stamp(item, PROCESSED_AT, problems), (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, stamp(item, PROFILE_EPOCH, problems))),
                problems);
    }

    private static void readFeature(String name, AttributeValue value, Map<String, Object> features, List<String> problems) {
        if (value == null) {
            problems.add("features." + Unicode.printable(name) + " has no value");
            return;
        }
        switch (value.type()) {
            case N:
                Optional<Number> n = parseNumber(value.n());
                if (n.isPresent()) {
                    features.put(name, n.get());
                } else {
                    problems.add("features." + Unicode.printable(name) + " is not a number: " + Unicode.printable(value.n()));
                }
                return;
            case S:
                features.put(name, value.s());
                return;
            case BOOL:
                features.put(name, value.bool());
                return;
            case NUL:
                features.put(name, null);
                return;
            default:
                problems.add("features." + Unicode.printable(name) + " is a DynamoDB " + value.type() + "; features are numbers, strings, booleans or null");
        }
    }

    /** A stored number as the readers use it: a Long when it is a whole number that fits, else a Double. */
    static Optional<Number> parseNumber(String text) {
        if (text == null || text.length() > 200) {
            return Optional.empty();
        }
        try {
            BigDecimal decimal = new BigDecimal(text.trim());
            BigDecimal stripped = decimal.signum() == 0 ? BigDecimal.ZERO : decimal.stripTrailingZeros();
            if (stripped.scale() <= 0 && stripped.precision() - stripped.scale() <= 19) {
                try {
                    return Optional.of(stripped.longValueExact());
                } catch (ArithmeticException tooLarge) {
                    // falls through to a double
                }
            }
            double d = decimal.doubleValue();
            return Double.isFinite(d) ? Optional.of(d) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String string(Map<String, AttributeValue> item, String name, boolean required, List<String> problems) {
        AttributeValue v = item.get(name);
        if (v == null) {
            if (required) {
                problems.add(name + " is missing");
            }
            return null;
        }
        if (v.type() != AttributeValue.Type.S) {
            problems.add(name + " is a DynamoDB " + v.type() + ", not a string");
            return null;
        }
        return v.s();
    }

    private static long stamp(Map<String, AttributeValue> item, String name, List<String> problems) {
        AttributeValue v = item.get(name);
        if (v == null) {
            return 0;
        }
        Optional<Number> n = v.type() == AttributeValue.Type.N ? parseNumber(v.n()) : Optional.empty();
        if (n.isEmpty() || !(n.get() instanceof Long)) {
            problems.add(name + " is not a whole number of milliseconds");
            return 0;
        }
        return n.get().longValue();
    }

    private static AttributeValue text(String name, String value, List<String> problems) {
        if (value == null || value.isEmpty()) {
            problems.add(name + " is empty");
            return AttributeValue.fromS("?");
        }
        Unicode.problem(value).ifPresent(p -> problems.add(name + " " + p));
        return AttributeValue.fromS(value);
    }

    private static AttributeValue number(long n) {
        return AttributeValue.fromN(Long.toString(n));
    }

    /** DynamoDB's item size: attribute names and values in UTF-8, numbers about one byte per two digits, maps 3 bytes each. */
    static long estimatedSize(Map<String, AttributeValue> attributes) {
        long size = 0;
        for (Map.Entry<String, AttributeValue> a : attributes.entrySet()) {
            size += a.getKey().getBytes(StandardCharsets.UTF_8).length + valueSize(a.getValue());
        }
        return size;
    }

    private static long valueSize(AttributeValue v) {
        switch (v.type()) {
            case S:
                return v.s().getBytes(StandardCharsets.UTF_8).length;
            case N:
                return v.n().length() / 2 + 2;
            case M:
                return 3 + estimatedSize(v.m()) + v.m().size();
            case BOOL:
            case NUL:
                return 1;
            default:
                return 0;
        }
    }

    /** A decoded item as JSON, for a dead-letter entry: what could be read of it, and its problems. */
    public static ObjectNode describe(StoredProfile profile) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put(PLAYER_ID, profile.playerId());
        json.put(GAME_ID, profile.gameId());
        json.put(PROFILE_EPOCH, profile.profileEpoch());
        ObjectNode features = json.putObject(FEATURES);
        profile.features().forEach(features::putPOJO);
        if (!profile.tiles().isEmpty()) {
            ObjectNode tiles = json.putObject(TILES);
            profile.tiles().forEach((group, set) -> tiles.put(group, Tiles.encode(set)));
        }
        json.put(UPDATED_AT, profile.updatedAt());
        json.put(RECEIVED_AT, profile.receivedAt());
        if (!profile.problems().isEmpty()) {
            profile.problems().forEach(json.putArray("problems")::add);
        }
        return json;
    }

    /** A record as JSON, for a dead-letter entry (what would have been written). */
    public static ObjectNode describe(ProfileRecord record) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put(PLAYER_ID, record.playerId());
        json.put(GAME_ID, record.gameId());
        json.put(PROFILE_EPOCH, record.profileEpoch());
        json.set(FEATURES, record.features());
        if (!record.tiles().isEmpty()) {
            ObjectNode tiles = json.putObject(TILES);
            record.tiles().forEach((group, set) -> tiles.put(group, Tiles.encode(set)));
        }
        json.put(UPDATED_AT, record.updatedAt());
        json.put(RECEIVED_AT, record.receivedAt());
        return json;
    }
}
