package io.playerlens.features;

import io.playerlens.contracts.config.FeatureJobProperties;
import java.util.Arrays;
import java.util.Locale;

/**
 * How {@link DedupeAndErasure} keeps the dedupe window's remembered ids: the job property
 * {@value FeatureJobProperties#DEDUPE_LAYOUT}.
 */
public enum DedupeLayout {
    /**
     * One {@code MapState} entry per id with Flink's state TTL: the layout for RocksDB (Managed Flink's backend), where
     * an entry is a key of its own, a read or write touches only it, and expired ids leave in compaction.
     */
    MAP,
    /**
     * {@link RecentIds}: one player's ids in a few flat arrays, expired a generation at a time, the state cleared by a
     * timer once all of it has expired. For the heap backend (the local runner), where a map entry costs ~80 bytes, every
     * entry is an object the garbage collector traces, and after a checkpoint the first write to a player's map copies
     * all of it entry by entry. Not for RocksDB: every event would read and write the player's whole window.
     */
    COMPACT;

    /** The property's value for this layout. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The layout a property value names, or a message listing the values. */
    public static DedupeLayout of(String value) {
        for (DedupeLayout layout : values()) {
            if (layout.value().equals(value == null ? null : value.trim())) {
                return layout;
            }
        }
        throw new IllegalArgumentException(FeatureJobProperties.JOB_GROUP + "." + FeatureJobProperties.DEDUPE_LAYOUT + " must be one of "
                + Arrays.stream(values()).map(DedupeLayout::value).collect(java.util.stream.Collectors.toList()) + ", got '" + value + "'");
    }
}
