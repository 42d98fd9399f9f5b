package io.playerlens.offline;

import io.playerlens.contracts.event.ErasureRule;
import io.playerlens.contracts.event.ServerEventTypes;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The {@code player_events} view the feature SQL reads, built from archived events as the feature job builds it
 * from the stream: one row per player (game and player id) and event id (the first to arrive), {@code offer_served}
 * decisions left out, and after a player's erasure only what the platform received later ({@link ErasureRule}; a new
 * {@code profile_epoch}). The Flink-only tracing column {@code processed_at} is NULL here; {@code archived_copies} says how
 * many times the archive holds the event (duplicates from client retries).
 */
public final class PlayerEventsView {
    public static final String VIEW = "player_events";
    static final String RAW_VIEW = "archived_events";

    private PlayerEventsView() {
    }

    /** Registers {@code player_events} over {@code events} and returns it (a job reading it several times caches it). */
    public static Dataset<Row> register(SparkSession spark, Dataset<Row> events) {
        // One shuffle, by player: the dedupe (per player, as the feature job's keyed state), the erasure join and every
        // feature group (grouped or windowed by player) then run within partitions.
        events.repartition(org.apache.spark.sql.functions.col("game_id"), org.apache.spark.sql.functions.col("player_id")).createOrReplaceTempView(RAW_VIEW);
        // The erasure rule first, then the dedupe among what is left: as the feature job, which forgets a player's event
        // ids at an erasure, so a copy of an event received after the erasure counts again (in the new epoch).
        Dataset<Row> view = spark.sql(String.join("\n",
                "WITH erasures AS (",
                "  SELECT game_id, player_id, CAST(COUNT(DISTINCT event_id) AS INT) AS erasures, MAX(received_at) AS erased_at",
                "  FROM " + RAW_VIEW + " WHERE type = '" + ServerEventTypes.PLAYER_ERASED + "' GROUP BY game_id, player_id),",
                "kept AS (",
                "  SELECT e.*, COALESCE(x.erasures, 0) AS profile_epoch",
                "  FROM " + RAW_VIEW + " e LEFT JOIN erasures x ON e.game_id = x.game_id AND e.player_id = x.player_id",
                "  WHERE e.type NOT IN ('" + ServerEventTypes.PLAYER_ERASED + "', '" + ServerEventTypes.OFFER_SERVED + "')",
                "    AND (x.player_id IS NULL OR " + ErasureRule.keepsSql("e.received_at", "x.erased_at") + ")),",
                "first_arrival AS (",
                "  SELECT * FROM (",
                "    SELECT *, ROW_NUMBER() OVER (PARTITION BY game_id, player_id, event_id ORDER BY received_at, ts) AS arrival,",
                "           COUNT(*) OVER (PARTITION BY game_id, player_id, event_id) AS copies",
                "    FROM kept) WHERE arrival = 1)",
                "SELECT event_id, player_id, game_id, type, ts, received_at, CAST(NULL AS BIGINT) AS processed_at,",
                "       session_id, props, profile_epoch, copies AS archived_copies",
                "FROM first_arrival"));
        view.createOrReplaceTempView(VIEW);
        return view;
    }
}
