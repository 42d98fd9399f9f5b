package io.playerlens.contracts.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * A value policy for a required prop, defined in the event catalog's {@code _kinds}: its JSON type and the range
 * every store and sum downstream can hold. {@link #check} names the rule a value breaks, so the message alone tells
 * a game developer what to fix.
 * Strings count characters as UTF-16 code units, as Java and JavaScript do; integers are whole numbers ({@code 3.0}
 * counts).
 */
public final class PropKind {
    private final String name;
    private final Type type;
    private final BigDecimal min;
    private final BigDecimal max;
    private final BigDecimal resolution;
    private final int maxLength;

    PropKind(String name, Type type, BigDecimal min, BigDecimal max, BigDecimal resolution, int maxLength) {
        this.name = name;
        this.type = type;
        this.min = min;
        this.max = max;
        this.resolution = resolution;
        this.maxLength = maxLength;
    }

    public String name() {
        return name;
    }

    public Type type() {
        return type;
    }

    public BigDecimal min() {
        return min;
    }

    public BigDecimal max() {
        return max;
    }

    /** Numbers: a non-zero value must be at least this large in magnitude; null when there is no such rule. */
    public BigDecimal resolution() {
        return resolution;
    }

    public int maxLength() {
        return maxLength;
    }


    /** The JSON shape of a kind. */
    public enum Type { STRING, INTEGER, NUMBER }

    /** Reads one {@code _kinds} entry. */
    static PropKind fromCatalog(String name, JsonNode spec) {
        Type type;
        switch (spec.path("type").asText()) {
            case "string":
                type = Type.STRING;
                break;
            case "integer":
                type = Type.INTEGER;
                break;
            case "number":
                type = Type.NUMBER;
                break;
            default:
                throw new IllegalArgumentException("kind '" + name + "' has unknown type '" + spec.path("type").asText()
                        + "'; use string, integer or number");
        }
        if (type == Type.STRING) {
            int maxLength = spec.path("max_length").asInt(0);
            if (maxLength <= 0) {
                throw new IllegalArgumentException("string kind '" + name + "' needs max_length > 0");
            }
            return new PropKind(name, type, null, null, null, maxLength);
        }
        if (!spec.path("min").isNumber() || !spec.path("max").isNumber()) {
            throw new IllegalArgumentException("numeric kind '" + name + "' needs min and max");
        }
        BigDecimal resolution = spec.path("resolution").isNumber() ? spec.get("resolution").decimalValue() : null;
        return new PropKind(name, type, spec.get("min").decimalValue(), spec.get("max").decimalValue(), resolution, 0);
    }

    /**
     * @return what is wrong with {@code value}, phrased to follow "got " (e.g. "-1", "a string", "4.5, which has a
     *     fraction"), or empty when the kind accepts it; the rule itself is {@link #description()}
     */
    public Optional<String> check(JsonNode value) {
        return type == Type.STRING ? checkString(value) : checkNumber(value);
    }

    /** How the kind reads in an error message and in the docs, e.g. "an integer from 0 to 1000000000". */
    public String description() {
        if (type == Type.STRING) {
            return "a string of 1-" + maxLength + " characters of valid Unicode without control characters";
        }
        if (type == Type.INTEGER) {
            return "an integer from " + plain(min) + " to " + plain(max);
        }
        return "a number from " + plain(min) + " to " + plain(max) + (resolution == null ? "" : " (0 or at least " + plain(resolution) + ")");
    }

    private Optional<String> checkString(JsonNode value) {
        if (!value.isTextual()) {
            return Optional.of(JsonShapes.describe(value));
        }
        String text = value.asText();
        if (text.isEmpty() || text.length() > maxLength) {
            return Optional.of(text.length() + " characters");
        }
        return Unicode.problem(text).or(() -> Unicode.controlCharacter(text)).map(p -> "a string that " + p);
    }

    private Optional<String> checkNumber(JsonNode value) {
        if (!value.isNumber()) {
            return Optional.of(JsonShapes.describe(value));
        }
        if (value.isFloatingPointNumber() && !Double.isFinite(value.asDouble())) {
            return Optional.of("a number outside the double range");
        }
        BigDecimal decimal = value.isBigInteger() ? new BigDecimal(value.bigIntegerValue()) : value.decimalValue();
        if (type == Type.INTEGER && decimal.stripTrailingZeros().scale() > 0) {
            return Optional.of(JsonShapes.shortNumber(decimal) + ", which has a fraction");
        }
        if (decimal.compareTo(min) < 0 || decimal.compareTo(max) > 0) {
            return Optional.of(JsonShapes.shortNumber(decimal));
        }
        if (resolution != null && decimal.signum() != 0 && decimal.abs().compareTo(resolution) < 0) {
            return Optional.of(JsonShapes.shortNumber(decimal) + ", which is below the resolution");
        }
        return Optional.empty();
    }

    private static String plain(BigDecimal n) {
        return n.stripTrailingZeros().toPlainString();
    }
}
