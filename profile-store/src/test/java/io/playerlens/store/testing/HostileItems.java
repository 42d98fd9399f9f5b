package io.playerlens.store.testing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Profile items as the table might hold them after a bug, a manual edit or an older writer: every attribute of the
 * item's layout with any DynamoDB type, numbers at DynamoDB's limits or not numbers at all, features of any type.
 */
public final class HostileItems {
    private HostileItems() {
    }

    /** Any DynamoDB attribute value a profile attribute might hold. */
    public static Arbitrary<AttributeValue> values() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(30).map(AttributeValue::fromS),
                Arbitraries.oneOf(Arbitraries.strings().numeric().ofMaxLength(60), Arbitraries.strings().all().ofMaxLength(10),
                        Arbitraries.of("1E+125", "-9.9E+125", "1E-130", "0", "-0", "1e400", "NaN", "", "  7 ", "9223372036854775808",
                                "1795000000000")).map(AttributeValue::fromN),
                Arbitraries.of(true, false).map(AttributeValue::fromBool),
                Arbitraries.just(AttributeValue.fromNul(true)),
                Arbitraries.just(AttributeValue.fromL(List.of(AttributeValue.fromS("x")))),
                Arbitraries.just(AttributeValue.fromSs(List.of("a", "b"))),
                Arbitraries.just(AttributeValue.fromB(SdkBytes.fromUtf8String("b"))));
    }

    /** A features map of any shape. */
    public static Arbitrary<AttributeValue> featureMaps() {
        // Names of any characters DynamoDB can hold (NULs and other controls too; not lone surrogates: its strings are
        // UTF-8, and the SDK refuses a map key holding one even where an emulator stored it).
        return Combinators.combine(Arbitraries.oneOf(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8),
                Arbitraries.strings().all().ofMinLength(1).ofMaxLength(8).filter(name -> io.playerlens.contracts.event.Unicode.problem(name).isEmpty())),
                values()).as(Map::entry)
                .list().ofMaxSize(6).map(entries -> {
                    Map<String, AttributeValue> m = new HashMap<>();
                    entries.forEach(e -> m.put(e.getKey(), e.getValue()));
                    return AttributeValue.fromM(m);
                });
    }

    /** An item's attributes other than its key: the layout's names (and one more) with any value. */
    public static Arbitrary<Map<String, AttributeValue>> attributes() {
        Arbitrary<String> names = Arbitraries.of("game_id", "features", "tiles", "updated_at", "received_at", "processed_at",
                "profile_epoch", "expires_at", "other");
        return Combinators.combine(names, Arbitraries.oneOf(values(), featureMaps())).as(Map::entry).list().ofMaxSize(9).map(entries -> {
            Map<String, AttributeValue> item = new HashMap<>();
            entries.forEach(e -> item.put(e.getKey(), e.getValue()));
            return item;
        });
    }

    /** Whole items, the key included (sometimes of the wrong type, or missing). */
    public static Arbitrary<Map<String, AttributeValue>> items() {
        return Combinators.combine(attributes(), Arbitraries.oneOf(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(10)
                .map(AttributeValue::fromS), values())).as((item, key) -> {
                    Map<String, AttributeValue> withKey = new HashMap<>(item);
                    withKey.put("player_id", key);
                    return withKey;
                });
    }
}
