package io.playerlens.contracts.event;

import java.util.Optional;

/**
 * Text checks for what crosses the edge. A JSON string may carry an unpaired UTF-16 surrogate ({@code "\ud800"}):
 * valid JSON, but not Unicode, so no UTF-8 writer (the stream codec, DynamoDB, Spark) can encode it faithfully.
 */
public final class Unicode {
    private Unicode() {
    }

    /** @return "contains an unpaired surrogate ..." if {@code text} is not valid Unicode */
    public static Optional<String> problem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return Optional.of(unpaired(c, i));
            }
            if (Character.isLowSurrogate(c)) {
                return Optional.of(unpaired(c, i));
            }
        }
        return Optional.empty();
    }

    /** @return "contains the control character ..." for C0 controls and DEL, which no label or key should hold */
    public static Optional<String> controlCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return Optional.of(String.format("contains the control character U+%04X at index %d", (int) c, i));
            }
        }
        return Optional.empty();
    }

    /**
     * Client-supplied text as it may appear in an error message: at most 64 characters, with unpaired surrogates and
     * control characters escaped, so the message itself is valid, printable Unicode.
     */
    public static String printable(String text) {
        return printable(text, 64);
    }

    /** {@link #printable(String)} with another length bound. */
    public static String printable(String text, int maxChars) {
        String shown = text.length() > maxChars ? text.substring(0, maxChars) + "…" : text;
        StringBuilder out = new StringBuilder(shown.length());
        for (int i = 0; i < shown.length(); i++) {
            char c = shown.charAt(i);
            boolean pairedHigh = Character.isHighSurrogate(c) && i + 1 < shown.length() && Character.isLowSurrogate(shown.charAt(i + 1));
            if (pairedHigh) {
                out.append(c).append(shown.charAt(++i));
            } else if (Character.isSurrogate(c) || c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String unpaired(char c, int index) {
        return String.format("contains an unpaired UTF-16 surrogate \\u%04x at index %d; send valid Unicode", (int) c, index);
    }
}
