package io.playerlens.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.playerlens.contracts.event.Unicode;
import io.playerlens.contracts.testing.HostileJson;
import io.playerlens.store.testing.HostileItems;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Whatever a feature computes, the codec writes an item the store holds and reads back the same values, or refuses it
 * naming each value at fault; and whatever the table holds, reading it never throws.
 */
class ProfileItemCodecPropertyTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Duration TTL = Duration.ofDays(400);

    @Provide
    Arbitrary<ObjectNode> features() {
        Arbitrary<String> names = Arbitraries.oneOf(Arbitraries.of("events_total", "coins_balance", "platform", "playtime_s"),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(20), Arbitraries.strings().all().ofMinLength(1).ofMaxLength(4));
        Arbitrary<JsonNode> values = Arbitraries.frequencyOf(Tuple.of(6, HostileJson.numbers()),
                Tuple.of(2, Arbitraries.strings().alpha().ofMaxLength(20).map(NODES::textNode)), Tuple.of(1, HostileJson.values(2)));
        return Combinators.combine(names, values).as(Map::entry).list().ofMaxSize(6).map(entries -> {
            ObjectNode features = NODES.objectNode();
            entries.forEach(e -> features.set(e.getKey(), e.getValue()));
            return features;
        });
    }

    @Property(tries = 2000)
    void features_areWrittenAndReadBackExactly_orRefusedNamingEachValue(@ForAll("features") ObjectNode features) {
        ProfileRecord record = new ProfileRecord("p-1", "game-1", 0, features, 1_795_000_000_000L, 1_795_000_000_000L, -1);
        Map<String, AttributeValue> item;
        try {
            item = ProfileItemCodec.encode(record, TTL);
        } catch (UnstorableProfileException refused) {
            Statistics.label("verdict").collect("refused");
            assertThat(refused.problems()).isNotEmpty().allSatisfy(p -> assertThat(p).startsWith("feature"));
            assertThat(anyUnstorable(features)).as("refused only when a value is unstorable: %s", refused.problems()).isTrue();
            return;
        }
        Statistics.label("verdict").collect("stored");
        StoredProfile read = ProfileItemCodec.decode(item);
        assertThat(read.problems()).isEmpty();
        assertThat(read.playerId()).isEqualTo("p-1");
        for (Iterator<Map.Entry<String, JsonNode>> it = features.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            Object value = read.features().get(f.getKey());
            JsonNode sent = f.getValue();
            if (sent.isNull()) {
                assertThat(value).isNull();
            } else if (sent.isNumber()) {
                assertThat(((Number) value).doubleValue()).as(f.getKey()).isEqualTo(sent.doubleValue());
                if (sent.canConvertToLong() && sent.isIntegralNumber()) {
                    assertThat(value).isEqualTo(sent.longValue());
                }
            } else if (sent.isBoolean()) {
                assertThat(value).isEqualTo(sent.booleanValue());
            } else {
                assertThat(value).isEqualTo(sent.asText());
            }
            if (sent.isNumber()) {
                String stored = item.get("features").m().get(f.getKey()).n();
                assertThat(new java.math.BigDecimal(stored).stripTrailingZeros().precision()).isLessThanOrEqualTo(StoreNumbers.MAX_DIGITS);
            }
        }
    }

    @Provide
    Arbitrary<Map<String, AttributeValue>> items() {
        return HostileItems.items();
    }

    @Property(tries = 2000)
    void anyStoredItem_isReadWithoutThrowing_reportingWhatItCannotRead(@ForAll("items") Map<String, AttributeValue> item) {
        StoredProfile read = ProfileItemCodec.decode(item);
        assertThat(read.problems()).allSatisfy(p -> assertThat(Unicode.problem(p)).isEmpty());
        read.features().values().forEach(v -> assertThat(v == null || v instanceof Long || v instanceof Double || v instanceof String
                || v instanceof Boolean).isTrue());
        read.features().values().stream().filter(v -> v instanceof Double)
                .forEach(v -> assertThat(Double.isFinite((Double) v)).isTrue());
    }

    private static boolean anyUnstorable(ObjectNode features) {
        List<String> problems = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = features.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (Unicode.problem(f.getKey()).isPresent()) {
                return true;
            }
            JsonNode v = f.getValue();
            if (v.isContainerNode() || v.isTextual() && Unicode.problem(v.asText()).isPresent()
                    || v.isNumber() && StoreNumbers.problem(v.numberValue()).isPresent()) {
                problems.add(f.getKey());
            }
        }
        if (!problems.isEmpty()) {
            return true;
        }
        fail("refused although every value is storable: " + features);
        return false;
    }
}
