package io.playerlens.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** The compact dedupe window: what it remembers, for how long, and what it costs. */
class RecentIdsTest {
    private static final long WINDOW = 24 * 3_600_000L;
    private static final long GENERATION = WINDOW / DedupeAndErasure.GENERATIONS_PER_WINDOW;

    record Sighting(long fingerprint, long advanceMillis) {
    }

    @Provide
    Arbitrary<List<Sighting>> sightings() {
        // few distinct fingerprints (0 and 1 among them) so that repeats are common; steps from none to past a window
        Arbitrary<Long> fingerprints = Arbitraries.oneOf(Arbitraries.longs().between(-3, 40), Arbitraries.longs());
        Arbitrary<Long> steps = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.just(0L)),
                net.jqwik.api.Tuple.of(3, Arbitraries.longs().between(1, GENERATION)),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(GENERATION, WINDOW + 2 * GENERATION)));
        return Combinators.combine(fingerprints, steps).as(Sighting::new).list().ofMaxSize(400);
    }

    /**
     * Against the contract, for any sequence: an id first seen at t is a duplicate until t + window, and new again from
     * t + window + one generation on; in between either answer is allowed.
     */
    @Property(tries = 300)
    void anIdIsRememberedForTheWindow_andForgottenWithinAGenerationAfterIt(@ForAll("sightings") List<Sighting> sightings) {
        RecentIds ids = new RecentIds();
        Map<Long, Long> firstSeen = new HashMap<>();
        long now = 1_700_000_000_000L;
        for (Sighting s : sightings) {
            now += s.advanceMillis();
            boolean added = ids.addIfAbsent(s.fingerprint(), now, WINDOW, GENERATION);
            Long since = firstSeen.get(s.fingerprint() == 0 ? 1 : s.fingerprint());
            if (since != null && now - since < WINDOW) {
                assertThat(added).as("%d seen %d ms ago", s.fingerprint(), now - since).isFalse();
            } else if (since == null || now - since >= WINDOW + GENERATION) {
                assertThat(added).as("%d last counted %s ms ago", s.fingerprint(), since == null ? "never" : now - since).isTrue();
            }
            if (added) {
                firstSeen.put(s.fingerprint() == 0 ? 1 : s.fingerprint(), now);
            }
        }
        assertThat(ids.count()).as("no id held twice").isLessThanOrEqualTo(firstSeen.size());
    }

    @Test
    void aHundredThousandIds_areAllFound_inAboutSixteenBytesEach() throws Exception {
        RecentIds ids = new RecentIds();
        java.util.Random random = new java.util.Random(7);
        long[] fingerprints = random.longs(100_000).toArray();
        long now = 1_700_000_000_000L;
        for (long f : fingerprints) {
            assertThat(ids.addIfAbsent(f, now++, WINDOW, GENERATION)).isTrue();
        }
        for (long f : fingerprints) {
            assertThat(ids.addIfAbsent(f, now, WINDOW, GENERATION)).isFalse();
        }
        assertThat(ids.count()).isEqualTo(100_000);
        assertThat(ids.tableBytes() / 100_000.0).as("heap bytes per id").isLessThanOrEqualTo(24.0);
        assertThat(serializedBytes(ids) / 100_000.0).as("checkpoint bytes per id").isLessThan(8.1);
    }

    @Test
    void aWindowPastItsLastGeneration_isEmpty_andSaysWhen() {
        RecentIds ids = new RecentIds();
        long now = 5 * GENERATION + 17;
        ids.addIfAbsent(42, now, WINDOW, GENERATION);
        long forgottenAt = ids.allForgottenAt(WINDOW, GENERATION);
        assertThat(forgottenAt).isBetween(now + WINDOW, now + WINDOW + GENERATION);

        ids.forgetExpired(forgottenAt - 1, WINDOW, GENERATION);
        assertThat(ids.count()).isEqualTo(1);
        ids.forgetExpired(forgottenAt, WINDOW, GENERATION);
        assertThat(ids.count()).isZero();
        assertThat(ids.allForgottenAt(WINDOW, GENERATION)).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void aCheckpointRoundTrip_andACopy_keepEveryGeneration_andTheCopyIsIndependent() throws Exception {
        RecentIds ids = new RecentIds();
        for (long f = 1; f <= 1_000; f++) {
            ids.addIfAbsent(f * 7919, f * GENERATION / 250, WINDOW, GENERATION); // five generations, the last one id
        }
        TypeSerializer<RecentIds> serializer = RecentIds.Serializer.INSTANCE;
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(ids, out);
        RecentIds back = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        DataOutputSerializer copied = new DataOutputSerializer(64);
        serializer.copy(new DataInputDeserializer(out.getCopyOfBuffer()), copied);
        RecentIds copy = serializer.copy(ids);
        ids.addIfAbsent(1, 5 * GENERATION, WINDOW, GENERATION); // the original changes; the copy must not

        assertThat(copied.getCopyOfBuffer()).isEqualTo(out.getCopyOfBuffer());
        for (RecentIds restored : List.of(back, copy)) {
            assertThat(restored.count()).isEqualTo(1_000);
            assertThat(restored.allForgottenAt(WINDOW, GENERATION)).isEqualTo(4 * GENERATION + GENERATION + WINDOW); // the newest starts at 4
            assertThat(restored.addIfAbsent(7919 * 500, 5 * GENERATION, WINDOW, GENERATION)).isFalse();
            assertThat(restored.addIfAbsent(1, 5 * GENERATION, WINDOW, GENERATION)).isTrue();
        }
    }

    @Test
    void theSerializersSnapshot_restoresTheSameSerializer() throws Exception {
        var snapshot = RecentIds.Serializer.INSTANCE.snapshotConfiguration();
        DataOutputSerializer out = new DataOutputSerializer(64);
        snapshot.writeSnapshot(out);
        var read = new RecentIds.Serializer.Snapshot();
        read.readSnapshot(snapshot.getCurrentVersion(), new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());

        assertThat(read.restoreSerializer()).isSameAs(RecentIds.Serializer.INSTANCE);
        assertThat(read.resolveSchemaCompatibility(RecentIds.Serializer.INSTANCE).isCompatibleAsIs()).isTrue();
    }

    private static int serializedBytes(RecentIds ids) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(1024);
        RecentIds.Serializer.INSTANCE.serialize(ids, out);
        return out.length();
    }
}
