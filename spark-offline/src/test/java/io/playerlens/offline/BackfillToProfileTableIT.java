package io.playerlens.offline;

import static org.assertj.core.api.Assertions.assertThat;

import io.playerlens.contracts.event.PlayerKey;
import io.playerlens.contracts.profile.ProfileItem;
import io.playerlens.emulators.LocalAws;
import io.playerlens.store.ProfileItemCodec;
import io.playerlens.store.ProfileStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The backfill against a real DynamoDB API (dynalite): players the stream never saw get whole profiles; a player the
 * stream knows keeps its online values and only gains the features its item lacks; the parity report sees the
 * online values that differ.
 */
class BackfillToProfileTableIT extends SparkJobTest {

    @Test
    void fillsNewPlayers_andOnlyMissingFeaturesOfKnownOnes_neverOverwritingOnlineValues(@TempDir Path dir) throws Exception {
        new TestArchive(dir.resolve("archive"), 61).play(8, 2);
        LocalAws aws = LocalAws.shared();
        String table = "backfill-" + System.nanoTime();
        aws.createTable(table, ProfileItem.KEY);
        // What the stream wrote for player-0: a newer events_total and no spend feature yet.
        aws.dynamoDb().putItem(b -> b.tableName(table).item(Map.of(ProfileItem.KEY, AttributeValue.fromS(PlayerKey.of(TestArchive.GAME, "player-0").value()),
                ProfileItem.PLAYER_ID, AttributeValue.fromS("player-0"), ProfileItem.GAME_ID, AttributeValue.fromS(TestArchive.GAME),
                ProfileItem.FEATURES, AttributeValue.fromM(Map.of("events_total", AttributeValue.fromN("999"))),
                ProfileItem.UPDATED_AT, AttributeValue.fromN("1"), ProfileItem.RECEIVED_AT, AttributeValue.fromN("1"),
                ProfileItem.PROFILE_EPOCH, AttributeValue.fromN("0"))));
        // player-1 was erased online after the archive's last day: its tombstone must survive the backfill.
        aws.dynamoDb().putItem(b -> b.tableName(table).item(ProfileItemCodec.tombstone(PlayerKey.of(TestArchive.GAME, "player-1"),
                System.currentTimeMillis() - 1000, System.currentTimeMillis(), 1)));

        BackfillJob.Result result = new BackfillJob(spark, Progress.quiet()).run(dir.resolve("archive").toString(),
                LocalDate.parse("2026-11-20"), LocalDate.parse("2026-11-21"), dir.resolve("out"),
                new ProfileTable(table, aws.dynamoDbEndpoint().toString(), "us-east-1"), true, 100, Duration.ofDays(90));

        assertThat(result.created()).isEqualTo(6);
        assertThat(result.completed()).isEqualTo(1);
        assertThat(result.skipped()).as("the erased player").isEqualTo(1);
        assertThat(ProfileItemCodec.isTombstone(aws.dynamoDb().getItem(b -> b.tableName(table)
                .key(ProfileItemCodec.key(PlayerKey.of(TestArchive.GAME, "player-1")))).item())).as("the erasure holds").isTrue();
        assertThat(result.parity().missingOnline()).isEqualTo(7);
        assertThat(result.parity().mismatched()).as("player-0's online events_total and its absent lifetime features").isPositive();
        assertThat(result.parity().features().get("events_total").mismatched()).isEqualTo(1);

        Map<String, Object> known = ProfileStore.features(aws.dynamoDb(), table, PlayerKey.of(TestArchive.GAME, "player-0")).orElseThrow();
        assertThat(known.get("events_total")).as("the online value stays").isEqualTo(999L);
        assertThat(known).containsKeys("spend_total_cents", "sessions_total", "sessions_7d");
        for (int p = 2; p < 8; p++) {
            String player = "player-" + p;
            var item = aws.dynamoDb().getItem(b -> b.tableName(table).key(ProfileItemCodec.key(PlayerKey.of(TestArchive.GAME, player)))).item();
            var profile = ProfileItemCodec.decode(item);
            assertThat(profile.gameId()).isEqualTo(TestArchive.GAME);
            assertThat(profile.featuresAsOf(System.currentTimeMillis())).containsKeys("events_total", "spend_total_cents", "level_max", "purchases_24h");
            assertThat(profile.features()).as("windowed features are summed from tiles, never stored").doesNotContainKey("purchases_24h");
            assertThat(profile.problems()).isEmpty();
            assertThat(Long.parseLong(item.get(ProfileItem.EXPIRES_AT).n())).isGreaterThan(System.currentTimeMillis() / 1000);
        }
    }
}
