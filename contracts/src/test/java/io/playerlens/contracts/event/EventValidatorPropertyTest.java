package io.playerlens.contracts.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.playerlens.contracts.testing.HostileJson;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The contract under generated hostile input: every event ends as accepted or rejected-with-reason, never an
 * exception, and what is accepted holds only values every store and sum downstream can hold.
 */
class EventValidatorPropertyTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long NOW = Instant.parse("2026-11-26T08:00:00Z").toEpochMilli();
    private static final String GAME = "game-1";
    private static final EventCatalog CATALOG = EventCatalog.defaultCatalog();
    private static final EventTimePolicy POLICY = EventTimePolicy.defaults();

    private final EventValidator validator = new EventValidator(CATALOG, POLICY);

    @Provide
    Arbitrary<JsonNode> anyValue() {
        return HostileJson.values(24);
    }

    @Provide
    Arbitrary<? extends JsonNode> hostileEvent() {
        return HostileJson.events(NOW);
    }

    @Provide
    Arbitrary<JsonNode> anyTimestamp() {
        return HostileJson.timestamps(NOW);
    }

    @Provide
    Arbitrary<? extends JsonNode> validEvent() {
        return HostileJson.validEvents(NOW);
    }

    @Property(tries = 2000)
    void anyJsonValue_isAcceptedOrRejectedWithAReason_neverThrows(@ForAll("anyValue") JsonNode value) {
        assertVerdict(value, validator.validate(value, value.toString().length(), GAME, NOW));
        assertStreamVerdict(value.deepCopy());
    }

    @Property(tries = 3000)
    void hostileEvents_areAcceptedOrRejectedWithAReason_andAcceptedOnesHoldStorableValues(@ForAll("hostileEvent") JsonNode event) {
        ValidationResult result = validator.validate(event, event.toString().length(), GAME, NOW);
        Statistics.label("verdict").collect(result.getClass().getSimpleName());
        assertVerdict(event, result);
        assertStreamVerdict(event.deepCopy());
    }

    @Property(tries = 1000)
    void validEvents_areAccepted(@ForAll("validEvent") JsonNode event) {
        assertThat(validator.validate(event, event.toString().length(), GAME, NOW)).isInstanceOf(ValidationResult.Accepted.class);
    }

    @Property(tries = 3000)
    void timestampsAnywhere_areAcceptedInsideThePolicyWindow_orRejected_neverThrow(@ForAll("validEvent") JsonNode valid,
                                                                                   @ForAll("anyTimestamp") JsonNode ts) {
        JsonNode event = ((com.fasterxml.jackson.databind.node.ObjectNode) valid.deepCopy()).set("ts", ts);
        ValidationResult result = validator.validate(event, event.toString().length(), GAME, NOW);
        assertVerdict(event, result);
        EventTimestamps.Parsed parsed = EventTimestamps.parse(ts);
        boolean insideWindow = parsed.valid() && parsed.epochMillis() >= EventTimePolicy.EARLIEST.toEpochMilli()
                && NOW - parsed.epochMillis() <= POLICY.maxAge().toMillis() && parsed.epochMillis() - NOW <= POLICY.maxFutureSkew().toMillis();
        Statistics.label("inside window").collect(insideWindow);
        assertThat(result instanceof ValidationResult.Accepted).as("%s", ts).isEqualTo(insideWindow);
    }

    @Provide
    Arbitrary<List<JsonNode>> validEvents() {
        return HostileJson.validEvents(NOW).map(e -> (JsonNode) e).list().ofMinSize(1).ofMaxSize(2000);
    }

    @Property(tries = 200)
    void sumsOfAcceptedValues_stayFiniteAndWithinTheStoresRange(@ForAll("validEvents") List<JsonNode> events) {
        long cents = 0;
        double amounts = 0;
        for (JsonNode e : events) {
            JsonNode props = e.get("props");
            if (props.has("price_cents")) {
                cents = Math.addExact(cents, props.get("price_cents").asLong());
            }
            if (props.has("amount")) {
                amounts += props.get("amount").asDouble();
            }
            if (props.has("duration_s")) {
                amounts += props.get("duration_s").asDouble();
            }
        }
        assertThat(cents).isNotNegative();
        assertThat(Double.isFinite(amounts)).isTrue();
        assertThat(amounts == 0 || Math.abs(amounts) >= 1e-130 && Math.abs(amounts) < 1e125).as("%s", amounts).isTrue();
    }

    private void assertVerdict(JsonNode sent, ValidationResult result) {
        if (result instanceof ValidationResult.Rejected rejected) {
            assertThat(rejected.error()).isNotBlank();
            assertThat(Unicode.problem(rejected.error())).as("the error message is itself valid Unicode").isEmpty();
            assertThat(rejected.error().length()).as("the error stays readable").isLessThan(4_000);
            return;
        }
        JsonNode canonical = ((ValidationResult.Accepted) result).event();
        long ts = canonical.get("ts").asLong();
        long receivedAt = canonical.get("received_at").asLong();
        assertThat(ts).isBetween(EventTimePolicy.EARLIEST.toEpochMilli(), receivedAt);
        assertThat(receivedAt - ts).isLessThanOrEqualTo(POLICY.maxAge().toMillis());
        EventType type = CATALOG.type(canonical.get("type").asText()).orElseThrow();
        for (Map.Entry<String, PropKind> prop : type.requiredProps().entrySet()) {
            JsonNode value = canonical.get("props").get(prop.getKey());
            PropKind kind = prop.getValue();
            if (kind.type() == PropKind.Type.STRING) {
                assertThat(value.asText()).isNotEmpty().hasSizeLessThanOrEqualTo(kind.maxLength());
            } else {
                BigDecimal decimal = value.isBigInteger() ? new BigDecimal(value.bigIntegerValue()) : value.decimalValue();
                assertThat(decimal).isBetween(kind.min(), kind.max());
                if (kind.type() == PropKind.Type.INTEGER) {
                    assertThat(value.canConvertToLong()).isTrue();
                }
            }
        }
        assertAllTextIsUnicode(canonical);
        // What the edge accepts, the feature job's checks accept too: the stream form round-trips.
        try {
            JsonNode onTheStream = MAPPER.readTree(MAPPER.writeValueAsBytes(canonical));
            assertThat(validator.validateStreamEvent(onTheStream)).as("%s", onTheStream).isInstanceOf(ValidationResult.Accepted.class);
        } catch (java.io.IOException e) {
            throw new AssertionError("the canonical event does not round-trip through JSON: " + canonical, e);
        }
    }

    private void assertStreamVerdict(JsonNode event) {
        ValidationResult result = validator.validateStreamEvent(event);
        if (result instanceof ValidationResult.Rejected rejected) {
            assertThat(rejected.error()).isNotBlank();
            assertThat(Unicode.problem(rejected.error())).isEmpty();
        } else {
            JsonNode accepted = ((ValidationResult.Accepted) result).event();
            assertThat(accepted.get("ts").asLong()).isLessThanOrEqualTo(accepted.get("received_at").asLong());
            assertAllTextIsUnicode(accepted);
        }
    }

    private static void assertAllTextIsUnicode(JsonNode node) {
        if (node.isTextual()) {
            assertThat(Unicode.problem(node.asText())).as("%s", node).isEmpty();
        } else if (node.isContainerNode()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                assertThat(Unicode.problem(field.getKey())).isEmpty();
                assertAllTextIsUnicode(field.getValue());
            }
            if (node.isArray()) {
                node.forEach(EventValidatorPropertyTest::assertAllTextIsUnicode);
            }
        }
    }
}
