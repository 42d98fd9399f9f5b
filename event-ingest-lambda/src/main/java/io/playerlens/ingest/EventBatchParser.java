package io.playerlens.ingest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.playerlens.contracts.event.Unicode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code {"events":[...]}} with a streaming parser, so each event's size in bytes is known without
 * serialising it again, and a request with too many events is refused before they are all built.
 *
 * <p>The body must be strict JSON: a key twice in one object (anywhere, {@code events} included), a syntax error,
 * trailing content, a number or nesting beyond Jackson's limits, or any other top-level field is a 400 naming the
 * problem and where it is — never a silently dropped array. Per-event content problems are the validator's.
 */
final class EventBatchParser {
    /** An event as received, with its size in the request body. */
    record RawEvent(JsonNode node, int bytes) {
    }

    private final ObjectMapper mapper;

    EventBatchParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    static final String EVENTS = "events";

    List<RawEvent> parse(byte[] body, int maxEvents) {
        try (JsonParser parser = mapper.createParser(body)) {
            parser.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            parser.disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION.mappedFeature());
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw missingEvents();
            }
            List<RawEvent> events = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (!EVENTS.equals(field)) {
                    throw new IngestException.MalformedRequest("unknown top-level field '" + printable(field)
                            + "'; the body is {\"events\":[...]} and custom data goes in each event's props");
                }
                if (value != JsonToken.START_ARRAY) {
                    throw new IngestException.MalformedRequest("\"events\" must be an array of events");
                }
                events = readEvents(parser, maxEvents);
            }
            if (parser.nextToken() != null) {
                throw new IngestException.MalformedRequest("body is not valid JSON: unexpected content after the top-level object");
            }
            if (events == null) {
                throw missingEvents();
            }
            return events;
        } catch (IngestException e) {
            throw e;
        } catch (JsonProcessingException e) {
            throw new IngestException.MalformedRequest("body is not valid JSON" + where(e.getLocation()) + ": " + firstLine(e.getOriginalMessage()));
        } catch (IOException | RuntimeException e) {
            // Anything else a parser may throw on hostile input is still the body's fault, never a 500.
            throw new IngestException.MalformedRequest("body is not valid JSON: " + firstLine(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }

    private static String where(JsonLocation location) {
        return location == null || location.getLineNr() < 0 ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static String firstLine(String message) {
        String line = message == null ? "" : message.split("\n", 2)[0];
        int source = line.indexOf(" (for ");
        line = source > 0 && line.contains("[Source") ? line.substring(0, source) : line;
        return Unicode.printable(line, 300);
    }

    private static String printable(String text) {
        return Unicode.printable(text);
    }

    private List<RawEvent> readEvents(JsonParser parser, int maxEvents) throws IOException {
        List<RawEvent> events = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (events.size() == maxEvents) {
                throw new IngestException.PayloadTooLarge("more than " + maxEvents + " events in one request; send at most " + maxEvents);
            }
            long start = parser.currentTokenLocation().getByteOffset();
            JsonNode node = mapper.readTree(parser);
            long end = parser.currentLocation().getByteOffset();
            events.add(new RawEvent(node, (int) (end - start)));
        }
        return events;
    }

    private static IngestException missingEvents() {
        return new IngestException.MalformedRequest("body must be a JSON object with an \"events\" array");
    }
}
