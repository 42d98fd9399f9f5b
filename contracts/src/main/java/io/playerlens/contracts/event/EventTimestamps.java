package io.playerlens.contracts.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Parses an event's {@code ts}: ISO-8601 with a zone offset, or epoch milliseconds (a number, or a string of up to
 * 15 digits). Never throws: a timestamp that parses but lies outside what epoch milliseconds can hold (the year
 * +999999999) is {@link Parsed#outOfRange()}.
 */
public final class EventTimestamps {
    /** The rule as clients read it. */
    public static final String FORMAT_RULE =
            "ts must be ISO-8601 with a zone offset (e.g. 2026-11-26T07:30:00.123Z) or epoch milliseconds";

    private EventTimestamps() {
    }

    /** What a {@code ts} value turned out to be. */
    public static final class Parsed {
        private final long epochMillis;
        private final boolean valid;
        private final boolean outOfRange;

        public Parsed(long epochMillis, boolean valid, boolean outOfRange) {
            this.epochMillis = epochMillis;
            this.valid = valid;
            this.outOfRange = outOfRange;
        }

        public long epochMillis() {
            return epochMillis;
        }

        public boolean valid() {
            return valid;
        }

        public boolean outOfRange() {
            return outOfRange;
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            if (!(o instanceof Parsed)) {
                return false;
            }
            Parsed that = (Parsed) o;
            return epochMillis == that.epochMillis && valid == that.valid && outOfRange == that.outOfRange;
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(epochMillis, valid, outOfRange);
        }

        @Override
        public String toString() {
            return "Parsed[" + "epochMillis=" + epochMillis + ", " + "valid=" + valid + ", " + "outOfRange=" + outOfRange + "]";
        }

        static Parsed of(long millis) {
            return new Parsed(millis, true, false);
        }

        static final Parsed UNPARSEABLE = new Parsed(0, false, false);
        static final Parsed OUT_OF_RANGE = new Parsed(0, false, true);
    }

    public static Parsed parse(JsonNode ts) {
        if (ts == null) {
            return Parsed.UNPARSEABLE;
        }
        if (ts.isIntegralNumber()) {
            return ts.canConvertToLong() ? Parsed.of(ts.asLong()) : Parsed.OUT_OF_RANGE;
        }
        if (!ts.isTextual()) {
            return Parsed.UNPARSEABLE;
        }
        String text = ts.asText();
        if (!text.isEmpty() && text.length() <= 15 && text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Parsed.of(Long.parseLong(text));
        }
        if (text.length() > 64) {
            return Parsed.UNPARSEABLE;
        }
        try {
            return Parsed.of(OffsetDateTime.parse(text).toInstant().toEpochMilli());
        } catch (DateTimeParseException e) {
            return Parsed.UNPARSEABLE;
        } catch (ArithmeticException | DateTimeException e) {
            return Parsed.OUT_OF_RANGE; // parses, but is not a representable instant in epoch milliseconds
        }
    }
}
