package io.playerlens.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code {"events":[...]}} with a streaming parser, so each event's size in bytes is known without
 * serialising it again, and a request with too many events is refused before they are all built.
 */
final class EventBatchParser {
    /** An event as received, with its size in the request body. */
    record RawEvent(JsonNode node, int bytes) {
    }

    private final ObjectMapper mapper;

    EventBatchParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    List<RawEvent> parse(byte[] body, int maxEvents) {
        try (JsonParser parser = mapper.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw missingEvents();
            }
            List<RawEvent> events = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("events".equals(field) && value == JsonToken.START_ARRAY) {
                    events = readEvents(parser, maxEvents);
                } else {
                    parser.skipChildren();
                }
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
        } catch (IOException e) {
            String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().split("\n", 2)[0];
            throw new IngestException.MalformedRequest("body is not valid JSON: " + detail);
        }
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
