package io.playerlens.contracts.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.OptionalLong;

/** Parses an event's {@code ts}: ISO-8601 with a zone offset, or epoch milliseconds. */
public final class EventTimestamps {
    private EventTimestamps() {
    }

    public static OptionalLong toEpochMillis(JsonNode ts) {
        if (ts.isIntegralNumber() && ts.canConvertToLong()) {
            return OptionalLong.of(ts.asLong());
        }
        if (ts.isTextual()) {
            String text = ts.asText();
            if (!text.isEmpty() && text.chars().allMatch(Character::isDigit) && text.length() <= 15) {
                return OptionalLong.of(Long.parseLong(text));
            }
            try {
                return OptionalLong.of(OffsetDateTime.parse(text).toInstant().toEpochMilli());
            } catch (DateTimeParseException e) {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.empty();
    }
}
