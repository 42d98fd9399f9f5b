package io.playerlens.features;

import static io.playerlens.features.Events.at;
import static io.playerlens.features.Events.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The feature SQL on small fixed inputs: one player per feature, all run through the real pipeline once on a
 * bounded input in a MiniCluster; one test per feature reads its player's profile.
 */
class FeatureSqlTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final Instant DAY_1 = at(Duration.ofDays(1));
    private static final Instant DAY_2 = at(Duration.ofDays(2));
    private static final Instant DAY_3 = at(Duration.ofDays(3));
    /** Windowed features are read as of a time: these fixtures are placed around the run's start. */
    private static final Instant NOW = Instant.now();

    private static Map<String, ProfileWrite> profiles;

    @BeforeAll
    static void runPipelineOnFixtures() throws Exception {
        List<ObjectNode> events = new ArrayList<>();
        // events_total counts every event type
        events.add(event("counts", "store_view", DAY_1));
        events.add(event("counts", "ad_watched", DAY_1.plusSeconds(1), "placement", "shop"));
        events.add(event("counts", "level_fail", DAY_1.plusSeconds(2), "level", 3));
        // sessions_total, playtime_s, platform and country (latest session_start by event time, sent out of order)
        events.add(event("sessions", "session_start", DAY_2, "platform", "android", "country", "FR", "app_version", "1.0"));
        events.add(event("sessions", "session_end", DAY_2.plusSeconds(600), "duration_s", 600.5));
        events.add(event("sessions", "session_start", DAY_1, "platform", "ios", "country", "DE", "app_version", "1.0"));
        events.add(event("sessions", "session_end", DAY_1.plusSeconds(60), "duration_s", 60));
        // purchases_total, spend_total_cents
        events.add(event("buyer", "purchase", DAY_1, "sku", "gems_100", "price_cents", 499, "currency", "USD"));
        events.add(event("buyer", "purchase", DAY_2, "sku", "gems_500", "price_cents", 1999, "currency", "USD"));
        // level_max: the highest level completed (a failed higher level does not count)
        events.add(event("leveller", "level_complete", DAY_1, "level", 4, "duration_s", 30));
        events.add(event("leveller", "level_complete", DAY_1.plusSeconds(10), "level", 7.0, "duration_s", 30));
        events.add(event("leveller", "level_complete", DAY_1.plusSeconds(20), "level", 5, "duration_s", 30));
        events.add(event("leveller", "level_fail", DAY_1.plusSeconds(30), "level", 9));
        // coins_balance: earn - spend of coins only
        events.add(event("saver", "currency_earn", DAY_1, "amount", 100, "currency_type", "coins"));
        events.add(event("saver", "currency_earn", DAY_1.plusSeconds(1), "amount", 50, "currency_type", "gems"));
        events.add(event("saver", "currency_spend", DAY_1.plusSeconds(2), "amount", 30, "currency_type", "coins", "item", "booster"));
        // first_seen, last_seen: event time, whatever the arrival order
        events.add(event("timeline", "store_view", DAY_3));
        events.add(event("timeline", "store_view", DAY_1));
        events.add(event("timeline", "store_view", DAY_2));
        // purchases_24h and spend_24h_cents: the 24 h before the read (tiles are kept for events the window can still read)
        events.add(event("recent", "purchase", NOW.minus(Duration.ofHours(30)), "sku", "a", "price_cents", 100, "currency", "USD"));
        events.add(event("recent", "purchase", NOW.minus(Duration.ofHours(3)), "sku", "b", "price_cents", 300, "currency", "USD"));
        events.add(event("recent", "purchase", NOW.minus(Duration.ofMinutes(1)), "sku", "c", "price_cents", 700, "currency", "USD"));
        // sessions_7d: sessions started in the 7 days before the read
        events.add(event("weekly", "session_start", NOW.minus(Duration.ofDays(8)), "platform", "ios", "country", "US", "app_version", "1"));
        events.add(event("weekly", "session_start", NOW.minus(Duration.ofDays(5)), "platform", "ios", "country", "US", "app_version", "1"));
        events.add(event("weekly", "session_start", NOW.minus(Duration.ofHours(1)), "platform", "ios", "country", "US", "app_version", "1"));
        // events_1h and ads_watched_1h: the hour before the read
        events.add(event("active", "ad_watched", NOW.minus(Duration.ofMinutes(90)), "placement", "shop"));
        events.add(event("active", "ad_watched", NOW.minus(Duration.ofMinutes(20)), "placement", "shop"));
        events.add(event("active", "store_view", NOW.minus(Duration.ofMinutes(10))));
        // a re-sent event (same event_id) counts once
        ObjectNode once = event("resent", "purchase", DAY_1, "sku", "a", "price_cents", 250, "currency", "USD");
        events.add(once);
        events.add(once.deepCopy());

        FeatureJobSettings settings = new FeatureJobSettings(Duration.ofDays(30), Duration.ofSeconds(1), Duration.ofDays(7),
                Duration.ofDays(400), Duration.ofDays(400), Duration.ofMillis(10), Duration.ofSeconds(10), Duration.ZERO);
        profiles = PipelineRun.run(Events.records(events), settings, 2);
    }

    private static JsonNode features(String player) throws Exception {
        assertThat(profiles).containsKey(player);
        return PipelineRun.features(profiles.get(player));
    }

    @Test
    void eventsTotal_countsEveryEvent() throws Exception {
        assertThat(features("counts").get("events_total").asLong()).isEqualTo(3);
    }

    @Test
    void sessionsTotal_countsSessionStarts() throws Exception {
        assertThat(features("sessions").get("sessions_total").asLong()).isEqualTo(2);
    }

    @Test
    void playtime_sumsSessionEndDurations() throws Exception {
        assertThat(features("sessions").get("playtime_s").asDouble()).isEqualTo(660.5);
    }

    @Test
    void platformAndCountry_comeFromTheLatestSessionStartByEventTime() throws Exception {
        assertThat(features("sessions").get("platform").asText()).isEqualTo("android");
        assertThat(features("sessions").get("country").asText()).isEqualTo("FR");
    }

    @Test
    void purchasesTotal_andSpendTotal() throws Exception {
        assertThat(features("buyer").get("purchases_total").asLong()).isEqualTo(2);
        assertThat(features("buyer").get("spend_total_cents").asLong()).isEqualTo(2498);
    }

    @Test
    void levelMax_isTheHighestCompletedLevel() throws Exception {
        assertThat(features("leveller").get("level_max").asLong()).isEqualTo(7);
    }

    @Test
    void levelMax_isNull_withoutACompletedLevel() throws Exception {
        assertThat(features("counts").get("level_max").isNull()).isTrue();
    }

    @Test
    void coinsBalance_isCoinsEarnedMinusSpent() throws Exception {
        assertThat(features("saver").get("coins_balance").asDouble()).isEqualTo(70.0);
    }

    @Test
    void firstAndLastSeen_followEventTime() throws Exception {
        assertThat(features("timeline").get("first_seen").asLong()).isEqualTo(DAY_1.toEpochMilli());
        assertThat(features("timeline").get("last_seen").asLong()).isEqualTo(DAY_3.toEpochMilli());
    }

    @Test
    void purchases24h_andSpend24h_coverThe24HoursBeforeTheRead() throws Exception {
        assertThat(windowed("recent")).containsEntry("purchases_24h", 2L).containsEntry("spend_24h_cents", 1000L);
        assertThat(features("recent").get("purchases_total").asLong()).isEqualTo(3);
        assertThat(PipelineRun.windowed(profiles.get("recent"), NOW.minus(Duration.ofHours(2)).toEpochMilli()))
                .as("read as of two hours ago").containsEntry("purchases_24h", 1L).containsEntry("spend_24h_cents", 300L);
    }

    @Test
    void sessions7d_coversTheSevenDaysBeforeTheRead() throws Exception {
        assertThat(windowed("weekly")).containsEntry("sessions_7d", 2L);
    }

    @Test
    void eventsAndAdsInTheLastHour_aNewWindowedFeatureAddedAsAFile() throws Exception {
        assertThat(windowed("active")).containsEntry("events_1h", 2L).containsEntry("ads_watched_1h", 1L);
    }

    private static java.util.Map<String, Object> windowed(String player) {
        assertThat(profiles).containsKey(player);
        return PipelineRun.windowed(profiles.get(player), NOW.toEpochMilli());
    }

    @Test
    void resentEvent_countsOnce() throws Exception {
        assertThat(features("resent").get("purchases_total").asLong()).isEqualTo(1);
        assertThat(features("resent").get("events_total").asLong()).isEqualTo(1);
    }

    @Test
    void profile_carriesGameAndTheNewestReceivedAt() {
        ProfileWrite timeline = profiles.get("timeline");
        assertThat(timeline.gameId).isEqualTo(Events.GAME);
        assertThat(timeline.receivedAt).isEqualTo(DAY_3.toEpochMilli() + 50);
    }
}
