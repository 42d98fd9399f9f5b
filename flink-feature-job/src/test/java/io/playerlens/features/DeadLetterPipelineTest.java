package io.playerlens.features;

import static io.playerlens.features.Events.at;
import static io.playerlens.features.Events.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.playerlens.contracts.codec.BatchCodec;
import io.playerlens.contracts.quarantine.QuarantineEntry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Records no ingest would write — from an older ingest, a replay or another producer — mixed with normal ones: the
 * pipeline runs to the end, normal players' features are exact, and each refused record, line or event is a dead
 * letter naming its reason.
 */
class DeadLetterPipelineTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final Instant DAY_1 = at(Duration.ofDays(1));
    private static final BatchCodec CODEC = new BatchCodec();

    private static byte[] lines(String... lines) {
        List<byte[]> bytes = new ArrayList<>();
        for (String line : lines) {
            bytes.add(line.getBytes(StandardCharsets.UTF_8));
        }
        return CODEC.encodeLines(bytes);
    }

    @Test
    void hostileRecordsAndEvents_areDeadLetters_andNormalPlayersAreCountedExactly() throws Exception {
        List<ObjectNode> normal = new ArrayList<>();
        normal.add(event("normal", "purchase", DAY_1, "sku", "gems", "price_cents", 499, "currency", "USD"));
        normal.add(event("normal", "currency_earn", DAY_1.plusSeconds(1), "amount", 100, "currency_type", "coins"));
        List<byte[]> records = new ArrayList<>(Events.records(normal));

        records.add("not a playerlens record".getBytes(StandardCharsets.UTF_8));
        ObjectNode tiny = event("hostile", "currency_earn", DAY_1, "amount", 1e-200, "currency_type", "coins");
        ObjectNode huge = event("hostile", "purchase", DAY_1, "sku", "gems", "price_cents", Long.MAX_VALUE, "currency", "USD");
        ObjectNode fine = event("hostile", "store_view", DAY_1);
        ObjectNode noGame = event("hostile", "store_view", DAY_1.plusSeconds(5));
        noGame.remove("game_id");
        records.add(lines(tiny.toString(), "{broken json", huge.toString(), fine.toString(), noGame.toString()));
        records.addAll(Events.records(List.of(event("normal", "store_view", DAY_1.plusSeconds(2)))));

        // Writes at once (no coalescing timer): a bounded run drops processing-time timers still pending at its end.
        java.util.Properties settings = new java.util.Properties();
        settings.setProperty("profile.write-coalesce.ms", "0");
        PipelineRun.Output output = PipelineRun.runWithDeadLetters(records, FeatureJobSettings.from(settings), 2);

        Map<String, ProfileWrite> profiles = output.profiles();
        assertThat(PipelineRun.features(profiles.get("normal")).get("events_total").asLong()).isEqualTo(3);
        assertThat(PipelineRun.features(profiles.get("normal")).get("spend_total_cents").asLong()).isEqualTo(499);
        assertThat(PipelineRun.features(profiles.get("normal")).get("coins_balance").asDouble()).isEqualTo(100.0);
        assertThat(PipelineRun.features(profiles.get("hostile")).get("events_total").asLong()).as("only the valid event counts").isEqualTo(1);

        assertThat(output.deadLetters()).extracting(QuarantineEntry::stage, QuarantineEntry::error).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(QuarantineEntry.STAGE_DECODE,
                        "the record cannot be decoded: not a playerlens record: no gzip header"),
                org.assertj.core.groups.Tuple.tuple(QuarantineEntry.STAGE_EVENT, "props.amount must be a number from 0 to 1000000000000"
                        + " (0 or at least 0.000001) for type currency_earn; got 1E-200, which is below the resolution"),
                org.assertj.core.groups.Tuple.tuple(QuarantineEntry.STAGE_DECODE, "record holds a line that is not JSON: "
                        + "Unexpected character ('b' (code 98)): was expecting double-quote to start field name"),
                org.assertj.core.groups.Tuple.tuple(QuarantineEntry.STAGE_EVENT, "props.price_cents must be an integer from 0 to 1000000000"
                        + " for type purchase; got 9223372036854775807"),
                org.assertj.core.groups.Tuple.tuple(QuarantineEntry.STAGE_EVENT, "game_id is required"));
        QuarantineEntry refusedRecord = output.deadLetters().stream().filter(e -> e.record() != null && e.error().contains("gzip"))
                .findFirst().orElseThrow();
        assertThat(new String(refusedRecord.record(), StandardCharsets.UTF_8)).as("the record is kept to be replayed").isEqualTo("not a playerlens record");
        QuarantineEntry refusedEvent = output.deadLetters().stream().filter(e -> e.error().startsWith("props.amount")).findFirst().orElseThrow();
        assertThat(refusedEvent.event()).isEqualTo(tiny);
        assertThat(refusedEvent.playerId()).isEqualTo("hostile");
    }
}
