package io.playerlens.contracts.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/** How a value is named in an error message: its JSON shape, and numbers shortened so a hostile one stays readable. */
final class JsonShapes {
    private static final int MAX_DIGITS_SHOWN = 24;

    private JsonShapes() {
    }

    static String describe(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "nothing";
        }
        if (value.isNull()) {
            return "null";
        }
        if (value.isTextual()) {
            return "a string";
        }
        if (value.isBoolean()) {
            return "a boolean";
        }
        if (value.isNumber()) {
            return "a number";
        }
        if (value.isArray()) {
            return "an array";
        }
        return "an object";
    }

    static String shortNumber(BigDecimal n) {
        String plain = n.stripTrailingZeros().toPlainString();
        return plain.length() <= MAX_DIGITS_SHOWN ? plain : n.round(new java.math.MathContext(6)).stripTrailingZeros().toString();
    }
}
