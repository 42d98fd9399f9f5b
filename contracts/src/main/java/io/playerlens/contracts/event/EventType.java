package io.playerlens.contracts.event;

import java.util.Map;

/** One entry of the event catalog: a type name and the props it requires, in catalog order. */
public record EventType(String name, Map<String, PropKind> requiredProps) {
    public EventType {
        requiredProps = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(requiredProps));
    }
}
