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

    /** The catalog's key for the value kinds; the other keys not starting with {@code _} are event types. */
    public static final String KINDS = "_kinds";

    private final Map<String, EventType> types;
    private final Map<String, PropKind> kinds;

    EventCatalog(Map<String, EventType> types, Map<String, PropKind> kinds) {
        this.types = Map.copyOf(types);
        this.kinds = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(kinds));
    }

    /** The value kinds by name, in catalog order. */
    public Map<String, PropKind> kinds() {
        return kinds;
    }

    /** Every event type, by name. */
    public Map<String, EventType> types() {
        return types;
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
            Map<String, PropKind> kinds = new LinkedHashMap<>();
            root.path(KINDS).fields().forEachRemaining(k -> kinds.put(k.getKey(), PropKind.fromCatalog(k.getKey(), k.getValue())));
            Map<String, EventType> types = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                if (entry.getKey().startsWith("_")) {
                    continue;
                }
                Map<String, PropKind> props = new LinkedHashMap<>();
                entry.getValue().fields().forEachRemaining(p -> {
                    PropKind kind = kinds.get(p.getValue().asText());
                    if (kind == null) {
                        throw new IllegalArgumentException(RESOURCE + ": " + entry.getKey() + "." + p.getKey() + " has kind '"
                                + p.getValue().asText() + "', which is not in " + KINDS + " " + kinds.keySet());
                    }
                    props.put(p.getKey(), kind);
                });
                types.put(entry.getKey(), new EventType(entry.getKey(), props));
            }
            return new EventCatalog(types, kinds);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
