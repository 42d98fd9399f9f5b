package io.playerlens.contracts.event;

import com.fasterxml.jackson.databind.JsonNode;

/** The value kinds a required prop can have in the event catalog. */
public enum PropKind {
    STRING("a non-empty string of at most " + PropKind.MAX_STRING_LENGTH + " characters") {
        @Override
        boolean accepts(JsonNode value) {
            return value.isTextual() && !value.asText().isEmpty() && value.asText().length() <= MAX_STRING_LENGTH;
        }
    },
    INTEGER("an integer") {
        @Override
        boolean accepts(JsonNode value) {
            return isWholeNumber(value);
        }
    },
    NON_NEGATIVE_INTEGER("an integer >= 0") {
        @Override
        boolean accepts(JsonNode value) {
            return isWholeNumber(value) && value.asDouble() >= 0;
        }
    },
    NON_NEGATIVE_NUMBER("a number >= 0") {
        @Override
        boolean accepts(JsonNode value) {
            return value.isNumber() && Double.isFinite(value.asDouble()) && value.asDouble() >= 0;
        }
    };

    public static final int MAX_STRING_LENGTH = 256;

    private final String description;

    PropKind(String description) {
        this.description = description;
    }

    abstract boolean accepts(JsonNode value);

    /** How the kind reads in an error message, e.g. "an integer >= 0". */
    public String description() {
        return description;
    }

    static PropKind fromCatalogName(String name) {
        return switch (name) {
            case "string" -> STRING;
            case "integer" -> INTEGER;
            case "non_negative_integer" -> NON_NEGATIVE_INTEGER;
            case "non_negative_number" -> NON_NEGATIVE_NUMBER;
            default -> throw new IllegalArgumentException("unknown prop kind '" + name + "' in the event catalog");
        };
    }

    private static boolean isWholeNumber(JsonNode value) {
        if (value.isIntegralNumber()) {
            return value.canConvertToLong();
        }
        // 3.0 is a whole number a JavaScript client may well send.
        return value.isFloatingPointNumber() && value.asDouble() == Math.rint(value.asDouble())
                && Math.abs(value.asDouble()) < 9.0e15;
    }
}
