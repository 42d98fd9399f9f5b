package io.playerlens.contracts.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The event catalog, read once from {@code playerlens/event-catalog.json}: the single source of truth for
 * which event types exist and which props each requires. Ingest validates against it; Flink, Spark and
 * the models read the same file.
 */
public final class EventCatalog {
    public static final String RESOURCE = "playerlens/event-catalog.json";

    private static final EventCatalog DEFAULT = load();

    private final Map<String, EventType> types;

    EventCatalog(Map<String, EventType> types) {
        this.types = Map.copyOf(types);
    }

    public static EventCatalog defaultCatalog() {
        return DEFAULT;
    }

    public Optional<EventType> type(String name) {
        return Optional.ofNullable(types.get(name));
    }

    public Set<String> typeNames() {
        return new java.util.TreeSet<>(types.keySet());
    }

    private static EventCatalog load() {
        try (InputStream in = EventCatalog.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath");
            }
            JsonNode root = new ObjectMapper().readTree(in);
            Map<String, EventType> types = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                if (entry.getKey().startsWith("_")) {
                    continue;
                }
                Map<String, PropKind> props = new LinkedHashMap<>();
                entry.getValue().fields().forEachRemaining(p -> props.put(p.getKey(), PropKind.fromCatalogName(p.getValue().asText())));
                types.put(entry.getKey(), new EventType(entry.getKey(), props));
            }
            return new EventCatalog(types);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
