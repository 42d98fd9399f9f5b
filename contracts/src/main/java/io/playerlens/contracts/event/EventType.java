package io.playerlens.contracts.event;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** One entry of the event catalog: a type name and the props it requires, in catalog order. */
public final class EventType {
    private final String name;
    private final Map<String, PropKind> requiredProps;

    public EventType(String name, Map<String, PropKind> requiredProps) {
        this.name = name;
        this.requiredProps = Collections.unmodifiableMap(new LinkedHashMap<>(requiredProps));
    }

    public String name() {
        return name;
    }

    public Map<String, PropKind> requiredProps() {
        return requiredProps;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EventType && ((EventType) o).name.equals(name) && ((EventType) o).requiredProps.equals(requiredProps);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, requiredProps);
    }

    @Override
    public String toString() {
        return "EventType[" + name + " " + requiredProps.keySet() + "]";
    }
}
