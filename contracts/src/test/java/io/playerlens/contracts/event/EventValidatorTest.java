package io.playerlens.contracts.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventValidatorTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-26T08:00:00Z");
    private static final Instant ONE_MINUTE_AGO = NOW.minusSeconds(60);
    private static final String GAME = "game-1";

    private final EventValidator validator = new EventValidator(EventCatalog.defaultCatalog(), EventTimePolicy.defaults());

    private static ObjectNode purchase() {
        ObjectNode e = MAPPER.createObjectNode();
        e.put("event_id", "0b9d5c7e-6f0a-4a43-9d5b-3d7f1b2a9c11");
        e.put("player_id", "p-42");
        e.put("type", "purchase");
        e.put("ts", ONE_MINUTE_AGO.toString());
        e.put("session_id", "s-1");
        ObjectNode props = e.putObject("props");
        props.put("sku", "gems_100");
        props.put("price_cents", 499);
        props.put("currency", "USD");
        return e;
    }

    private ValidationResult validate(JsonNode event) {
        return validator.validate(event, event.toString().length(), GAME, NOW.toEpochMilli());
    }

    private String errorOf(JsonNode event) {
        ValidationResult result = validate(event);
        assertThat(result).isInstanceOf(ValidationResult.Rejected.class);
        return ((ValidationResult.Rejected) result).error();
    }

    @Test
    void validEvent_isAccepted_inCanonicalFormWithServerStamps() {
        ValidationResult result = validate(purchase());

        assertThat(result).isInstanceOf(ValidationResult.Accepted.class);
        JsonNode canonical = ((ValidationResult.Accepted) result).event();
        assertThat(canonical.get("ts").asLong()).isEqualTo(ONE_MINUTE_AGO.toEpochMilli());
        assertThat(canonical.get("received_at").asLong()).isEqualTo(NOW.toEpochMilli());
        assertThat(canonical.get("game_id").asText()).isEqualTo(GAME);
        assertThat(canonical.get("session_id").asText()).isEqualTo("s-1");
        assertThat(canonical.get("props").get("sku").asText()).isEqualTo("gems_100");
    }

    @Test
    void epochMillisTs_isAccepted() {
        ObjectNode e = purchase().put("ts", ONE_MINUTE_AGO.toEpochMilli());
        assertThat(((ValidationResult.Accepted) validate(e)).event().get("ts").asLong()).isEqualTo(ONE_MINUTE_AGO.toEpochMilli());
    }

    @Test
    void isoTsWithOffset_isConvertedToUtcMillis() {
        ObjectNode e = purchase().put("ts", "2026-11-26T09:59:00+02:00");
        assertThat(((ValidationResult.Accepted) validate(e)).event().get("ts").asLong())
                .isEqualTo(Instant.parse("2026-11-26T07:59:00Z").toEpochMilli());
    }

    @Test
    void unknownProps_areKept() {
        ObjectNode e = purchase();
        ((ObjectNode) e.get("props")).put("bundle", "starter");
        assertThat(((ValidationResult.Accepted) validate(e)).event().get("props").get("bundle").asText()).isEqualTo("starter");
    }

    @Test
    void emptyPropsForStoreView_isAccepted() {
        ObjectNode e = purchase().put("type", "store_view");
        e.putObject("props");
        assertThat(validate(e)).isInstanceOf(ValidationResult.Accepted.class);
    }

    @Test
    void nonObject_isRejected() {
        assertThat(errorOf(MAPPER.getNodeFactory().textNode("hello"))).isEqualTo("event must be a JSON object");
    }

    @Test
    void oversizedEvent_isRejected() {
        ObjectNode e = purchase();
        assertThat(validator.validate(e, 70_000, GAME, NOW.toEpochMilli()))
                .isEqualTo(new ValidationResult.Rejected("event is 70000 bytes; at most 65536 bytes per event"));
    }

    @Test
    void serverStampedField_isRejected() {
        assertThat(errorOf(purchase().put("game_id", "other"))).isEqualTo("game_id is set by the server; remove it from the event");
        assertThat(errorOf(purchase().put("received_at", 1))).isEqualTo("received_at is set by the server; remove it from the event");
    }

    @Test
    void unknownTopLevelField_isRejected() {
        assertThat(errorOf(purchase().put("level", 3))).isEqualTo("unknown field 'level'; put custom data in props");
    }

    @Test
    void missingEventId_isRejected() {
        ObjectNode e = purchase();
        e.remove("event_id");
        assertThat(errorOf(e)).isEqualTo("event_id is required");
    }

    @Test
    void shortOrMalformedEventId_isRejected() {
        String expected = "event_id must be a string of 8-64 characters of [A-Za-z0-9._:-] (a UUID fits)";
        assertThat(errorOf(purchase().put("event_id", "abc"))).isEqualTo(expected);
        assertThat(errorOf(purchase().put("event_id", "has spaces in it"))).isEqualTo(expected);
        assertThat(errorOf(purchase().put("event_id", "x".repeat(65)))).isEqualTo(expected);
        assertThat(errorOf(purchase().put("event_id", 12345678))).isEqualTo(expected);
    }

    @Test
    void missingPlayerId_isRejected() {
        ObjectNode e = purchase();
        e.remove("player_id");
        assertThat(errorOf(e)).isEqualTo("player_id is required");
    }

    @Test
    void malformedPlayerId_isRejected() {
        String expected = "player_id must be a string of 1-64 characters of [A-Za-z0-9._:-], not \".\" or \"..\"";
        assertThat(errorOf(purchase().put("player_id", ""))).isEqualTo(expected);
        assertThat(errorOf(purchase().put("player_id", "p/42"))).isEqualTo(expected);
        assertThat(errorOf(purchase().put("player_id", "p".repeat(65)))).isEqualTo(expected);
        assertThat(errorOf(purchase().put("player_id", ".."))).isEqualTo(expected);
        assertThat(errorOf(purchase().put("player_id", "."))).isEqualTo(expected);
        assertThat(validate(purchase().put("player_id", "..."))).isInstanceOf(ValidationResult.Accepted.class);
    }

    @Test
    void missingType_isRejected() {
        ObjectNode e = purchase();
        e.remove("type");
        assertThat(errorOf(e)).isEqualTo("type is required");
    }

    @Test
    void nonStringType_isRejected() {
        assertThat(errorOf(purchase().put("type", 7))).isEqualTo("type must be a string");
    }

    @Test
    void unknownType_isRejected_listingKnownTypes() {
        assertThat(errorOf(purchase().put("type", "jump"))).isEqualTo("type 'jump' is not in the event catalog; known types: "
                + "ad_watched, currency_earn, currency_spend, level_complete, level_fail, offer_click, offer_shown, "
                + "purchase, session_end, session_start, store_view");
    }

    @Test
    void missingTs_isRejected() {
        ObjectNode e = purchase();
        e.remove("ts");
        assertThat(errorOf(e)).isEqualTo("ts is required");
    }

    @Test
    void unparseableTs_isRejected() {
        String expected = "ts must be ISO-8601 with a zone offset (e.g. 2026-11-26T07:30:00.123Z) or epoch milliseconds";
        assertThat(errorOf(purchase().put("ts", "2026-11-26 07:30"))).isEqualTo(expected);
        assertThat(errorOf(purchase().put("ts", "2026-11-26T07:30:00"))).isEqualTo(expected);
        assertThat(errorOf(purchase().put("ts", true))).isEqualTo(expected);
    }

    @Test
    void tsInSeconds_isRejected_asBeforeEpochFloor() {
        assertThat(errorOf(purchase().put("ts", 1764142200L)))
                .isEqualTo("ts 1764142200 is before 2000-01-01T00:00:00Z; epoch timestamps must be in milliseconds");
    }

    @Test
    void tsAheadOfTheServer_isSetToTheReceiptTime_keepingTheClientsValue() {
        JsonNode canonical = ((ValidationResult.Accepted) validate(purchase().put("ts", NOW.plusSeconds(600).toString()))).event();

        assertThat(canonical.get("ts").asLong()).isEqualTo(NOW.toEpochMilli());
        assertThat(canonical.get("client_ts").asLong()).isEqualTo(NOW.plusSeconds(600).toEpochMilli());
    }

    @Test
    void tsOnTime_hasNoClientTs() {
        assertThat(((ValidationResult.Accepted) validate(purchase())).event().has("client_ts")).isFalse();
    }

    @Test
    void tsMoreThanADayAhead_isRejected_asABrokenClock() {
        assertThat(errorOf(purchase().put("ts", NOW.plus(Duration.ofHours(25)).toEpochMilli()))).isEqualTo("ts "
                + NOW.plus(Duration.ofHours(25)).toEpochMilli() + " is 90000000 ms ahead of the server clock; more than 86400000 ms ahead is"
                + " refused (a clock that far ahead is broken); a ts up to that far ahead is set to the receipt time");
    }

    @Test
    void tsOlderThanThirtyDays_isRejected() {
        assertThat(errorOf(purchase().put("ts", NOW.minus(Duration.ofDays(31)).toString()))).isEqualTo("ts "
                + NOW.minus(Duration.ofDays(31)) + " is 31 days before the server clock; events older than 30 days are refused");
    }

    @Test
    void tsThatParsesButIsNotRepresentable_isRejected_notThrown() {
        assertThat(errorOf(purchase().put("ts", "+999999999-12-31T23:59:59Z"))).isEqualTo("ts +999999999-12-31T23:59:59Z is out of range;"
                + " send a time after 2000-01-01T00:00:00Z as ISO-8601 or epoch milliseconds");
        assertThat(errorOf(purchase().set("ts", MAPPER.getNodeFactory().numberNode(new java.math.BigInteger("9".repeat(30))))))
                .startsWith("ts 999999999999999999999999999999 is out of range");
    }

    @Test
    void malformedSessionId_isRejected() {
        assertThat(errorOf(purchase().put("session_id", ""))).isEqualTo("session_id must be a string of 1-128 characters of valid Unicode");
        assertThat(errorOf(purchase().put("session_id", 5))).isEqualTo("session_id must be a string of 1-128 characters of valid Unicode");
    }

    @Test
    void missingProps_isRejected() {
        ObjectNode e = purchase();
        e.remove("props");
        assertThat(errorOf(e)).isEqualTo("props is required (use {} for type purchase)");
    }

    @Test
    void nonObjectProps_isRejected() {
        assertThat(errorOf(purchase().put("props", "x"))).isEqualTo("props must be a JSON object");
    }

    @Test
    void missingRequiredProp_isRejected() {
        ObjectNode e = purchase();
        ((ObjectNode) e.get("props")).remove("sku");
        assertThat(errorOf(e)).isEqualTo("props.sku is required for type purchase");
    }

    @Test
    void negativePrice_isRejected() {
        ObjectNode e = purchase();
        ((ObjectNode) e.get("props")).put("price_cents", -1);
        assertThat(errorOf(e)).isEqualTo("props.price_cents must be an integer from 0 to 1000000000 for type purchase; got -1");
    }

    @Test
    void fractionalPrice_isRejected() {
        ObjectNode e = purchase();
        ((ObjectNode) e.get("props")).put("price_cents", 4.5);
        assertThat(errorOf(e)).isEqualTo("props.price_cents must be an integer from 0 to 1000000000 for type purchase; got 4.5, which has a fraction");
    }

    @Test
    void emptyStringProp_isRejected() {
        ObjectNode e = purchase();
        ((ObjectNode) e.get("props")).put("currency", "");
        assertThat(errorOf(e)).isEqualTo("props.currency must be a string of 1-256 characters of valid Unicode without control characters"
                + " for type purchase; got 0 characters");
    }

    @Test
    void nonIntegerLevel_isRejected() {
        ObjectNode e = purchase().put("type", "level_fail");
        e.putObject("props").put("level", "three");
        assertThat(errorOf(e)).isEqualTo("props.level must be an integer from -1000000000 to 1000000000 for type level_fail; got a string");
    }

    @Test
    void negativeAmount_isRejected() {
        ObjectNode e = purchase().put("type", "currency_earn");
        e.putObject("props").put("amount", -5).put("currency_type", "coins");
        assertThat(errorOf(e)).isEqualTo("props.amount must be a number from 0 to 1000000000000 (0 or at least 0.000001)"
                + " for type currency_earn; got -5");
    }

    @Test
    void everyCatalogType_hasItsRequiredPropsChecked() {
        for (String type : EventCatalog.defaultCatalog().typeNames()) {
            EventType t = EventCatalog.defaultCatalog().type(type).orElseThrow();
            for (String prop : t.requiredProps().keySet()) {
                ObjectNode e = purchase().put("type", type);
                e.putObject("props");
                assertThat(errorOf(e)).startsWith("props.").endsWith(" is required for type " + type);
            }
        }
    }

    @Test
    void priceAboveTheMoneyMaximum_isRejected() {
        ObjectNode e = purchase();
        ((ObjectNode) e.get("props")).put("price_cents", 1_000_000_001L);
        assertThat(errorOf(e)).isEqualTo("props.price_cents must be an integer from 0 to 1000000000 for type purchase; got 1000000001");
    }

    @Test
    void amountTooSmallForTheStore_isRejected_andZeroIsAccepted() {
        ObjectNode e = purchase().put("type", "currency_earn");
        e.putObject("props").put("amount", 1e-200).put("currency_type", "coins");
        assertThat(errorOf(e)).isEqualTo("props.amount must be a number from 0 to 1000000000000 (0 or at least 0.000001)"
                + " for type currency_earn; got 1E-200, which is below the resolution");
        e.putObject("props").put("amount", 0.0).put("currency_type", "coins");
        assertThat(validate(e)).isInstanceOf(ValidationResult.Accepted.class);
    }

    @Test
    void durationOfMoreThanAYear_isRejected() {
        ObjectNode e = purchase().put("type", "session_end");
        e.putObject("props").put("duration_s", 1e300);
        assertThat(errorOf(e)).isEqualTo("props.duration_s must be a number from 0 to 31536000 (0 or at least 0.001)"
                + " for type session_end; got 1E+300");
    }

    @Test
    void unpairedSurrogateInAStringProp_isRejected() {
        ObjectNode e = purchase();
        ((ObjectNode) e.get("props")).put("sku", "gems\ud800");
        assertThat(errorOf(e)).isEqualTo("props.sku must be a string of 1-256 characters of valid Unicode without control characters"
                + " for type purchase; got a string that contains an unpaired UTF-16 surrogate \\ud800 at index 4; send valid Unicode");
    }

    @Test
    void freePropsWithInvalidTextOrTooDeep_areRejected() {
        ObjectNode e = purchase();
        ((ObjectNode) e.get("props")).putObject("extra").put("note", "x\udc00");
        assertThat(errorOf(e)).isEqualTo("props.extra.note contains an unpaired UTF-16 surrogate \\udc00 at index 1; send valid Unicode");

        ObjectNode deep = purchase();
        ObjectNode node = (ObjectNode) deep.get("props");
        for (int i = 0; i < 20; i++) {
            node = node.putObject("n");
        }
        assertThat(errorOf(deep)).isEqualTo("props" + ".n".repeat(16) + " nests deeper than 16 levels");
    }

    @Test
    void severalProblems_areAllReported() {
        ObjectNode e = purchase().put("player_id", "p/1").put("ts", "yesterday");
        assertThat(errorOf(e)).isEqualTo("player_id must be a string of 1-64 characters of [A-Za-z0-9._:-], not \".\" or \"..\"; "
                + "ts must be ISO-8601 with a zone offset (e.g. 2026-11-26T07:30:00.123Z) or epoch milliseconds");
    }

    @Test
    void streamEvent_withServerStamps_isAccepted_andItsTsNeverAfterItsReceipt() {
        ObjectNode stream = (ObjectNode) ((ValidationResult.Accepted) validate(purchase())).event().deepCopy();
        stream.put("ts", NOW.plusSeconds(120).toEpochMilli());

        ValidationResult result = validator.validateStreamEvent(stream);

        assertThat(result).isInstanceOf(ValidationResult.Accepted.class);
        assertThat(((ValidationResult.Accepted) result).event().get("ts").asLong()).isEqualTo(NOW.toEpochMilli());
    }

    @Test
    void streamEvent_withAValueNoStoreHolds_isRejected() {
        ObjectNode stream = (ObjectNode) ((ValidationResult.Accepted) validate(purchase())).event().deepCopy();
        ((ObjectNode) stream.get("props")).put("price_cents", Long.MAX_VALUE);
        stream.remove("game_id");

        assertThat(((ValidationResult.Rejected) validator.validateStreamEvent(stream)).error()).isEqualTo("game_id is required; "
                + "props.price_cents must be an integer from 0 to 1000000000 for type purchase; got 9223372036854775807");
    }

    @Test
    void serverEventTypes_areAcceptedOnTheStream_butNotFromClients() {
        ObjectNode erased = ServerEvents.create(ServerEventTypes.PLAYER_ERASED, "p-1", GAME, NOW.toEpochMilli());
        assertThat(validator.validateStreamEvent(erased)).isInstanceOf(ValidationResult.Accepted.class);
        ObjectNode fromClient = purchase().put("type", ServerEventTypes.PLAYER_ERASED);
        assertThat(errorOf(fromClient)).startsWith("type 'player_erased' is not in the event catalog");
    }
}
