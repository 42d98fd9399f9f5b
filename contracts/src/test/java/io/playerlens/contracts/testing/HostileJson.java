package io.playerlens.contracts.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.playerlens.contracts.event.EventCatalog;
import io.playerlens.contracts.event.EventType;
import io.playerlens.contracts.event.PropKind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;

/**
 * Generators of hostile and odd input for property tests (jqwik): extreme and special numbers, strings that are not
 * Unicode or hold control characters, deep nesting, timestamps anywhere in the representable range, unknown fields
 * and types, duplicate keys and broken bodies. Valid events are derived from the event catalog's kinds (their
 * minimum, maximum and resolution included), so a new kind or type is covered without editing this class.
 */
public final class HostileJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final EventCatalog CATALOG = EventCatalog.defaultCatalog();
    private static final List<String> EVENT_FIELDS = List.of("event_id", "player_id", "type", "ts", "session_id", "props",
            "game_id", "received_at", "client_ts");

    private HostileJson() {
    }

    /** Numbers of every JSON shape Jackson produces: longs, huge integers, doubles from subnormal to MAX_VALUE. */
    public static Arbitrary<JsonNode> numbers() {
        return Arbitraries.oneOf(
                Arbitraries.longs().map(NODES::numberNode),
                Arbitraries.integers().map(NODES::numberNode),
                Arbitraries.bigIntegers().between(BigInteger.TEN.pow(400).negate(), BigInteger.TEN.pow(400)).map(NODES::numberNode),
                Arbitraries.doubles().map(NODES::numberNode),
                Arbitraries.of(0.0, -0.0, Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE, -Double.MAX_VALUE, 1e-200, 1e-131,
                        1e-7, 0.0009, 1e125, 1e126, 9.007199254740993E15, 3.0, 1e300, 31536000.001).map(NODES::numberNode),
                Arbitraries.of(Long.MAX_VALUE, Long.MIN_VALUE, 1_000_000_000L, 1_000_000_001L, -1_000_000_001L, 1_000_000_000_000L,
                        1_000_000_000_001L, -1L, 0L).map(NODES::numberNode),
                Arbitraries.bigDecimals().between(new BigDecimal("-1e20"), new BigDecimal("1e20")).ofScale(12).map(NODES::numberNode));
    }

    /** Strings of any UTF-16 content (unpaired surrogates and control characters included), emoji, huge ones. */
    public static Arbitrary<JsonNode> strings() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.strings().all().ofMaxLength(300)),
                Tuple.of(3, Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(40)),
                Tuple.of(3, Arbitraries.of("", " ", "\u0000", "\n", "\u007f", "\ud800", "\udc00", "a\ud83d", "\ud83d\ude00", "NaN", "Infinity",
                        "1e400", "-0", "null", "true", "{}", "[]", "p/42", "../../etc/passwd", "' OR 1=1 --", "\u202e\u0645")),
                Tuple.of(1, Combinators.combine(Arbitraries.integers().between(250, 70_000), Arbitraries.of("x", "\ud800", "é", "\ud83d\ude00"))
                        .as((n, unit) -> unit.repeat(n / unit.length()))),
                Tuple.of(1, Arbitraries.longs().map(l -> Long.toString(l))))
                .map(NODES::textNode);
    }

    /**
     * Any JSON value: small trees up to four levels, and single chains nested up to {@code maxDepth} (deeper than every
     * limit of the contract) — branching and depth together would make trees too large to generate.
     */
    public static Arbitrary<JsonNode> values(int maxDepth) {
        Arbitrary<JsonNode> leaves = Arbitraries.oneOf(numbers(), strings(),
                Arbitraries.of(NODES.booleanNode(true), NODES.booleanNode(false), NODES.nullNode()));
        Arbitrary<JsonNode> trees = Arbitraries.recursive(() -> leaves,
                inner -> Arbitraries.frequencyOf(Tuple.of(3, leaves), Tuple.of(1, arrays(inner)), Tuple.of(1, objects(inner))),
                0, Math.min(4, maxDepth));
        Arbitrary<JsonNode> chains = Combinators.combine(Arbitraries.integers().between(1, maxDepth), leaves, Arbitraries.of(true, false))
                .as((depth, leaf, inArrays) -> {
                    JsonNode node = leaf;
                    for (int i = 0; i < depth; i++) {
                        node = inArrays ? NODES.arrayNode().add(node) : NODES.objectNode().set("n", node);
                    }
                    return node;
                });
        return Arbitraries.frequencyOf(Tuple.of(4, trees), Tuple.of(1, chains));
    }

    private static Arbitrary<JsonNode> arrays(Arbitrary<JsonNode> elements) {
        return elements.list().ofMaxSize(3).map(list -> {
            ArrayNode array = NODES.arrayNode();
            list.forEach(array::add);
            return array;
        });
    }

    private static Arbitrary<JsonNode> objects(Arbitrary<JsonNode> values) {
        Arbitrary<String> keys = Arbitraries.oneOf(Arbitraries.of(EVENT_FIELDS), strings().map(JsonNode::asText),
                Arbitraries.of(catalogPropNames()));
        return Combinators.combine(keys, values).as(Map::entry).list().ofMaxSize(4).map(entries -> {
            ObjectNode object = NODES.objectNode();
            entries.forEach(e -> object.set(e.getKey(), e.getValue()));
            return object;
        });
    }

    /** Timestamps anywhere: any long, ISO strings with any year and offset, digit strings, relative to {@code now}. */
    public static Arbitrary<JsonNode> timestamps(long now) {
        Arbitrary<Long> nearNow = Arbitraries.longs().between(now - Duration.ofDays(60).toMillis(), now + Duration.ofDays(2).toMillis())
                .withDistribution(RandomDistribution.uniform());
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.longs().map(NODES::numberNode)),
                Tuple.of(3, nearNow.map(NODES::numberNode)),
                Tuple.of(3, nearNow.map(ms -> NODES.textNode(java.time.Instant.ofEpochMilli(ms).toString()))),
                Tuple.of(2, Combinators.combine(Arbitraries.integers().between(-999_999_999, 999_999_999), Arbitraries.integers().between(1, 12),
                        Arbitraries.integers().between(1, 28), Arbitraries.integers().between(-18, 18))
                        .as((year, month, day, offset) -> NODES.textNode(String.format("%s%04d-%02d-%02dT10:00:00.123%s",
                                year < 0 ? "-" : year > 9999 ? "+" : "", Math.abs(year), month, day,
                                offset == 0 ? "Z" : String.format("%+03d:00", offset))))),
                Tuple.of(1, Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(22).map(NODES::textNode)),
                Tuple.of(1, Arbitraries.doubles().map(NODES::numberNode)),
                Tuple.of(1, strings()));
    }

    /** A valid event of each catalog type, its props drawn from their kinds' full ranges (extremes included). */
    public static Arbitrary<ObjectNode> validEvents(long now) {
        return Arbitraries.of(new ArrayList<>(CATALOG.types().values())).flatMap(type -> validEvent(type, now));
    }

    private static Arbitrary<ObjectNode> validEvent(EventType type, long now) {
        Arbitrary<String> ids = Arbitraries.strings().withChars("abcdef0123456789-").ofMinLength(8).ofMaxLength(40);
        Arbitrary<String> players = Arbitraries.strings().withChars("abcXYZ019._:-").ofMinLength(1).ofMaxLength(64)
                .filter(p -> !p.equals(".") && !p.equals(".."));
        Arbitrary<Long> times = Arbitraries.longs().between(now - Duration.ofDays(29).toMillis(), now)
                .withDistribution(RandomDistribution.uniform());
        Arbitrary<ObjectNode> props = propsOf(type);
        return Combinators.combine(ids, players, times, props).as((id, player, ts, p) -> {
            ObjectNode e = NODES.objectNode();
            e.put("event_id", id);
            e.put("player_id", player);
            e.put("type", type.name());
            e.put("ts", ts);
            e.set("props", p);
            return e;
        });
    }

    private static Arbitrary<ObjectNode> propsOf(EventType type) {
        Arbitrary<ObjectNode> props = Arbitraries.just(NODES.objectNode()).map(ObjectNode::deepCopy);
        for (Map.Entry<String, PropKind> prop : type.requiredProps().entrySet()) {
            props = Combinators.combine(props, validValue(prop.getValue())).as((p, v) -> {
                ObjectNode copy = p.deepCopy();
                copy.set(prop.getKey(), v);
                return copy;
            });
        }
        return props;
    }

    /** A value the kind accepts: its bounds, its resolution, and values between. */
    public static Arbitrary<JsonNode> validValue(PropKind kind) {
        return switch (kind.type()) {
            case STRING -> Arbitraries.oneOf(Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(kind.maxLength()),
                    Arbitraries.of("\ud83d\ude00", "é", "x".repeat(kind.maxLength()))).map(NODES::textNode);
            case INTEGER -> Arbitraries.oneOf(Arbitraries.of(kind.min().longValueExact(), kind.max().longValueExact(), 0L)
                            .filter(v -> v >= kind.min().longValueExact()),
                    Arbitraries.longs().between(kind.min().longValueExact(), kind.max().longValueExact())).map(NODES::numberNode);
            case NUMBER -> Arbitraries.oneOf(
                    Arbitraries.of(kind.min(), kind.max(), kind.resolution() == null ? kind.max() : kind.resolution())
                            .map(d -> (JsonNode) NODES.numberNode(d.doubleValue())),
                    Arbitraries.doubles().between(Math.max(kind.min().doubleValue(), kind.resolution() == null ? 0 : kind.resolution().doubleValue()),
                            kind.max().doubleValue()).ofScale(7).map(NODES::numberNode));
        };
    }

    /** Mostly-valid events with zero to three hostile mutations: the shape real bad traffic has. */
    public static Arbitrary<ObjectNode> events(long now) {
        Arbitrary<Mutation> mutation = Arbitraries.oneOf(
                Combinators.combine(Arbitraries.of(EVENT_FIELDS), values(3)).as((f, v) -> (Mutation) e -> e.set(f, v)),
                Arbitraries.of(EVENT_FIELDS).map(f -> (Mutation) e -> e.remove(f)),
                timestamps(now).map(ts -> (Mutation) e -> e.set("ts", ts)),
                Combinators.combine(Arbitraries.of(catalogPropNames()), values(2)).as((p, v) -> (Mutation) e -> props(e).set(p, v)),
                Combinators.combine(strings().map(JsonNode::asText), values(24)).as((p, v) -> (Mutation) e -> props(e).set(p, v)),
                Arbitraries.of(catalogTypeNames()).map(t -> (Mutation) e -> e.put("type", t)),
                strings().map(t -> (Mutation) e -> e.set("type", t)));
        return Combinators.combine(validEvents(now), mutation.list().ofMaxSize(3)).as((event, mutations) -> {
            mutations.forEach(m -> m.apply(event));
            return event;
        });
    }

    /**
     * Request bodies as bytes: valid batches of hostile events, and bodies broken in the ways clients break them —
     * duplicate keys (the {@code events} array twice, a field twice in an event), truncation, flipped bytes, extra
     * top-level fields, a non-object top level, deep nesting, numbers with thousands of digits.
     */
    public static Arbitrary<byte[]> bodies(long now) {
        Arbitrary<List<ObjectNode>> batches = events(now).list().ofMinSize(0).ofMaxSize(12);
        Arbitrary<String> valid = batches.map(HostileJson::body);
        return Arbitraries.oneOf(
                valid,
                valid.map(b -> b.replaceFirst("\\{\"events\":", "{\"events\":[],\"events\":")),
                valid.map(b -> b.replaceFirst("\"player_id\":", "\"player_id\":\"p-dup\",\"player_id\":")),
                valid.map(b -> b.replaceFirst("\\{\"events\":", "{\"sent_at\":1,\"events\":")),
                Combinators.combine(valid, Arbitraries.integers().between(0, 200)).as((b, cut) -> b.substring(0, Math.min(cut, b.length()))),
                Arbitraries.integers().between(1, 3000).map(n -> "{\"events\":[" + "[".repeat(n) + "]".repeat(n) + "]}"),
                Arbitraries.integers().between(1, 5000).map(n -> "{\"events\":[{\"props\":{\"n\":1" + "0".repeat(n) + "}}]}"),
                Arbitraries.of("", "null", "[]", "{}", "{\"events\":{}}", "{\"events\":null}", "{\"events\":[]} trailing",
                        "{\"events\":[1,\"x\",null,true,[]]}", "\ufeff{\"events\":[]}", "{\"events\":[{\"\\ud800\":1}]}"),
                values(4).map(JsonNode::toString))
                .map(s -> s.getBytes(StandardCharsets.UTF_8))
                .flatMap(bytes -> Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just(bytes)),
                        Tuple.of(1, Arbitraries.integers().between(0, Math.max(0, bytes.length - 1)).map(at -> flip(bytes, at)))));
    }

    public static String body(List<? extends JsonNode> events) {
        ObjectNode body = NODES.objectNode();
        ArrayNode array = body.putArray("events");
        events.forEach(array::add);
        return body.toString();
    }

    private static byte[] flip(byte[] bytes, int at) {
        byte[] copy = bytes.clone();
        if (copy.length > 0) {
            copy[at] = (byte) (copy[at] ^ 0xA5);
        }
        return copy;
    }

    private static ObjectNode props(ObjectNode event) {
        return event.get("props") instanceof ObjectNode p ? p : event.putObject("props");
    }

    private static List<String> catalogPropNames() {
        return CATALOG.types().values().stream().flatMap(t -> t.requiredProps().keySet().stream()).distinct().sorted().toList();
    }

    private static List<String> catalogTypeNames() {
        List<String> names = new ArrayList<>(CATALOG.typeNames());
        names.add("player_erased");
        names.add("offer_served");
        return names;
    }

    @FunctionalInterface
    private interface Mutation {
        void apply(ObjectNode event);
    }
}
