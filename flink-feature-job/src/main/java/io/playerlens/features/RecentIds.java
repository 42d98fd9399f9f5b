package io.playerlens.features;

import java.io.IOException;
import java.util.Arrays;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * One player's remembered event-id fingerprints in a few flat arrays: the dedupe window's {@code compact} layout,
 * for Flink's heap state backend ({@link DedupeLayout#COMPACT}).
 *
 * <p>The ids are kept in <em>generations</em>: each covers {@code generationMillis} of processing time (aligned to
 * multiples of it) and is an open-addressing hash set of 64-bit fingerprints in one {@code long[]}. A generation is
 * dropped whole once everything in it is older than the window, so an id is remembered for at least the window and at
 * most one generation longer. 11–23 bytes per id on the heap, as a table is 35–70 % full (against ~80 for a
 * {@code MapState} entry: a map node, a boxed key and a TTL wrapper), and the few objects a player has are what the heap backend copies after a
 * checkpoint and what the garbage collector traces.
 *
 * <p>The methods change it in place: the heap backend hands out a private copy ({@link Serializer#copy}) after a
 * checkpoint, so the snapshot being written is never changed. In a checkpoint ({@link Serializer}) a generation is its
 * start and its fingerprints, 8 bytes each, without the tables' empty slots. A fingerprint of 0 (the empty slot) is
 * stored as 1, one more way for two ids to collide with probability 2⁻⁶⁴.
 */
public final class RecentIds {
    private static final int FIRST_CAPACITY = 16;

    /** Each generation's start in epoch milliseconds, oldest first. */
    private long[] starts = new long[0];
    /** Each generation's hash table of fingerprints (a power of two long; 0 is an empty slot). */
    private long[][] tables = new long[0][];
    /** How many fingerprints each generation's table holds. */
    private int[] sizes = new int[0];

    public RecentIds() {
    }

    /**
     * Remembers a fingerprint at {@code now} unless it is remembered already.
     *
     * @return true when it was not remembered (a first sighting), false for a duplicate
     */
    public boolean addIfAbsent(long fingerprint, long now, long windowMillis, long generationMillis) {
        long key = fingerprint == 0 ? 1 : fingerprint;
        forgetExpired(now, windowMillis, generationMillis);
        for (long[] table : tables) {
            if (table[slot(table, key)] == key) {
                return false;
            }
        }
        long start = now - Math.floorMod(now, generationMillis);
        int newest = starts.length - 1;
        if (newest < 0 || starts[newest] < start) {
            newest = appendGeneration(start);
        }
        insert(newest, key);
        return true;
    }

    private void insert(int generation, long key) {
        long[] table = tables[generation];
        if ((sizes[generation] + 1) * 10L > table.length * 7L) { // keep the load under 0.7
            table = grown(table);
            tables[generation] = table;
        }
        table[slot(table, key)] = key;
        sizes[generation]++;
    }

    /** Drops the generations whose every id is older than the window at {@code now}. */
    public void forgetExpired(long now, long windowMillis, long generationMillis) {
        int expired = 0;
        while (expired < starts.length && expiresAt(starts[expired], windowMillis, generationMillis) <= now) {
            expired++;
        }
        if (expired > 0) {
            starts = Arrays.copyOfRange(starts, expired, starts.length);
            tables = Arrays.copyOfRange(tables, expired, tables.length);
            sizes = Arrays.copyOfRange(sizes, expired, sizes.length);
        }
    }

    /** When the newest generation — and so everything here — is forgotten; {@link Long#MIN_VALUE} when empty. */
    public long allForgottenAt(long windowMillis, long generationMillis) {
        return starts.length == 0 ? Long.MIN_VALUE : expiresAt(starts[starts.length - 1], windowMillis, generationMillis);
    }

    /** How many fingerprints are remembered (expired generations included until {@link #forgetExpired}). */
    public long count() {
        long n = 0;
        for (int size : sizes) {
            n += size;
        }
        return n;
    }

    /** Heap bytes of the tables' slots (empty ones included), for tests and estimates. */
    long tableBytes() {
        long slots = 0;
        for (long[] table : tables) {
            slots += table.length;
        }
        return slots * Long.BYTES;
    }

    private static long expiresAt(long start, long windowMillis, long generationMillis) {
        return start + generationMillis + windowMillis;
    }

    private int appendGeneration(long start) {
        int n = starts.length;
        starts = Arrays.copyOf(starts, n + 1);
        tables = Arrays.copyOf(tables, n + 1);
        sizes = Arrays.copyOf(sizes, n + 1);
        starts[n] = start;
        tables[n] = new long[FIRST_CAPACITY];
        return n;
    }

    /** The slot holding {@code key}, else the empty slot where it would go (linear probing; the table is never full). */
    private static int slot(long[] table, long key) {
        int mask = table.length - 1;
        int i = (int) (key ^ (key >>> 32)) & mask; // fingerprints are SHA-256 bits: already well spread
        while (table[i] != 0 && table[i] != key) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private static long[] grown(long[] table) {
        long[] bigger = new long[table.length * 2];
        for (long key : table) {
            if (key != 0) {
                bigger[slot(bigger, key)] = key;
            }
        }
        return bigger;
    }

    /**
     * The state serializer: per generation its start, its count and its fingerprints; the tables are rebuilt on read.
     * Its format is version 1 of {@link Snapshot}; a change of it needs a new version and a migration path.
     */
    public static final class Serializer extends TypeSerializerSingleton<RecentIds> {
        private static final long serialVersionUID = 1L;
        public static final Serializer INSTANCE = new Serializer();

        @Override
        public boolean isImmutableType() {
            return false;
        }

        @Override
        public RecentIds createInstance() {
            return new RecentIds();
        }

        @Override
        public RecentIds copy(RecentIds from) {
            RecentIds copy = new RecentIds();
            copy.starts = from.starts.clone();
            copy.sizes = from.sizes.clone();
            copy.tables = new long[from.tables.length][];
            for (int i = 0; i < from.tables.length; i++) {
                copy.tables[i] = from.tables[i].clone();
            }
            return copy;
        }

        @Override
        public RecentIds copy(RecentIds from, RecentIds reuse) {
            return copy(from);
        }

        @Override
        public int getLength() {
            return -1;
        }

        @Override
        public void serialize(RecentIds ids, DataOutputView out) throws IOException {
            out.writeInt(ids.starts.length);
            for (int g = 0; g < ids.starts.length; g++) {
                out.writeLong(ids.starts[g]);
                out.writeInt(ids.sizes[g]);
                for (long key : ids.tables[g]) {
                    if (key != 0) {
                        out.writeLong(key);
                    }
                }
            }
        }

        @Override
        public RecentIds deserialize(DataInputView in) throws IOException {
            RecentIds ids = new RecentIds();
            int generations = in.readInt();
            for (int g = 0; g < generations; g++) {
                ids.appendGeneration(in.readLong());
                int size = in.readInt();
                int capacity = FIRST_CAPACITY;
                while (size * 10L > capacity * 7L) {
                    capacity *= 2;
                }
                ids.tables[g] = new long[capacity];
                for (int i = 0; i < size; i++) {
                    ids.insert(g, in.readLong());
                }
            }
            return ids;
        }

        @Override
        public RecentIds deserialize(RecentIds reuse, DataInputView in) throws IOException {
            return deserialize(in);
        }

        @Override
        public void copy(DataInputView source, DataOutputView target) throws IOException {
            int generations = source.readInt();
            target.writeInt(generations);
            for (int g = 0; g < generations; g++) {
                target.writeLong(source.readLong());
                int size = source.readInt();
                target.writeInt(size);
                for (int i = 0; i < size; i++) {
                    target.writeLong(source.readLong());
                }
            }
        }

        @Override
        public TypeSerializerSnapshot<RecentIds> snapshotConfiguration() {
            return new Snapshot();
        }

        /** The serializer's snapshot, written into checkpoints (version 1). */
        public static final class Snapshot extends SimpleTypeSerializerSnapshot<RecentIds> {
            public Snapshot() {
                super(() -> INSTANCE);
            }
        }
    }
}
