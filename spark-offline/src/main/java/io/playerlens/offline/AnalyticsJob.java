package io.playerlens.offline;

import java.nio.file.Path;
import java.time.LocalDate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Daily KPIs per game and event day (UTC) to Parquet: DAU, sessions, playtime, revenue, paying users, ARPDAU,
 * conversion, D1/D7 retention of the players first seen that day, per model the offer impressions and the
 * clicks and purchases attributed to them (the player's latest impression of that offer in the 24 h before), and per
 * placement, model and variant — shadows included — the decisions the offers API logged ({@code offer_served}): how
 * many, the fallback share, and how often the player bought the decision's top offer within 24 h. For a served variant
 * that is its conversion; for a shadow (never shown) it is how often its first choice was what the player bought anyway,
 * the comparison to make before giving it traffic.
 */
public final class AnalyticsJob {
    /** The two tables written. */
    public record Result(Dataset<Row> dailyKpis, Dataset<Row> offersByModel, Dataset<Row> decisionsByVariant, double seconds) {
    }

    private final SparkSession spark;
    private final Progress progress;

    public AnalyticsJob(SparkSession spark, Progress progress) {
        this.spark = spark;
        this.progress = progress;
    }

    public Result run(String archive, LocalDate from, LocalDate to, Path out) {
        long started = System.nanoTime();
        progress.step("reading the archive " + archive + " for event days " + from + " to " + to);
        // Cached: both tables read it; without the cache each would parse the archive and shuffle again. (The view
        // itself, not a projection of it: Spark 3.5 fails to re-map a cached projection of a sorted plan.)
        Dataset<Row> raw = new EventArchive(spark, archive).events(from, to);
        raw.where("type = '" + io.playerlens.contracts.event.ServerEventTypes.OFFER_SERVED + "'").createOrReplaceTempView("served_lines");
        Dataset<Row> events = PlayerEventsView.register(spark, raw).cache();
        events.createOrReplaceTempView(PlayerEventsView.VIEW);
        spark.sql("SELECT *, to_date(timestamp_millis(ts)) AS dt FROM " + PlayerEventsView.VIEW).createOrReplaceTempView("dated_events");
        progress.step("computing daily KPIs");
        Dataset<Row> kpis = spark.sql(String.join("\n",
                "WITH first_day AS (SELECT game_id, player_id, MIN(dt) AS first_dt FROM dated_events GROUP BY game_id, player_id),",
                "active AS (SELECT DISTINCT game_id, player_id, dt FROM dated_events),",
                "daily AS (",
                "  SELECT game_id, dt,",
                "    COUNT(DISTINCT player_id) AS dau,",
                "    CAST(SUM(CASE WHEN type = 'session_start' THEN 1 ELSE 0 END) AS BIGINT) AS sessions,",
                "    CAST(SUM(CASE WHEN type = 'session_end' THEN CAST(props['duration_s'] AS DOUBLE) ELSE 0 END) AS DOUBLE) AS playtime_s,",
                "    CAST(SUM(CASE WHEN type = 'purchase' THEN CAST(props['price_cents'] AS BIGINT) ELSE 0 END) AS BIGINT) AS revenue_cents,",
                "    COUNT(DISTINCT CASE WHEN type = 'purchase' THEN player_id END) AS paying_users",
                "  FROM dated_events GROUP BY game_id, dt),",
                "cohorts AS (",
                "  SELECT f.game_id, f.first_dt AS dt, COUNT(*) AS new_players,",
                "    COUNT(a1.player_id) AS returned_d1, COUNT(a7.player_id) AS returned_d7",
                "  FROM first_day f",
                "  LEFT JOIN active a1 ON a1.game_id = f.game_id AND a1.player_id = f.player_id AND a1.dt = date_add(f.first_dt, 1)",
                "  LEFT JOIN active a7 ON a7.game_id = f.game_id AND a7.player_id = f.player_id AND a7.dt = date_add(f.first_dt, 7)",
                "  GROUP BY f.game_id, f.first_dt)",
                "SELECT d.game_id, d.dt, d.dau, d.sessions, d.playtime_s, d.revenue_cents, d.paying_users,",
                "  d.revenue_cents / 100.0 / d.dau AS arpdau, d.paying_users / d.dau AS conversion,",
                "  COALESCE(c.new_players, 0) AS new_players,",
                // A cohort's retention is unknown until its D+1 / D+7 lies inside the window read.
                "  CASE WHEN date_add(d.dt, 1) <= DATE '" + to + "' THEN c.returned_d1 / c.new_players END AS d1_retention,",
                "  CASE WHEN date_add(d.dt, 7) <= DATE '" + to + "' THEN c.returned_d7 / c.new_players END AS d7_retention",
                "FROM daily d LEFT JOIN cohorts c ON c.game_id = d.game_id AND c.dt = d.dt",
                "ORDER BY d.game_id, d.dt"));
        Dataset<Row> offers = spark.sql(String.join("\n",
                "WITH offer_events AS (",
                "  SELECT game_id, player_id, dt, ts, type, props['offer_id'] AS offer, props['model'] AS model",
                "  FROM dated_events WHERE type = 'offer_shown'",
                "  UNION ALL",
                "  SELECT game_id, player_id, dt, ts, type, COALESCE(props['offer_id'], props['sku']) AS offer, CAST(NULL AS STRING) AS model",
                "  FROM dated_events WHERE type IN ('offer_click', 'purchase')),",
                "attributed AS (",
                "  SELECT *,",
                "    LAST_VALUE(model, true) OVER w AS shown_by,",
                "    LAST_VALUE(CASE WHEN type = 'offer_shown' THEN ts END, true) OVER w AS shown_at",
                "  FROM offer_events",
                "  WINDOW w AS (PARTITION BY game_id, player_id, offer ORDER BY ts, CASE WHEN type = 'offer_shown' THEN 0 ELSE 1 END",
                "               ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW))",
                "SELECT game_id, dt, shown_by AS model,",
                "  CAST(SUM(CASE WHEN type = 'offer_shown' THEN 1 ELSE 0 END) AS BIGINT) AS impressions,",
                "  CAST(SUM(CASE WHEN type = 'offer_click' AND ts - shown_at <= 86400000 THEN 1 ELSE 0 END) AS BIGINT) AS clicks,",
                "  CAST(SUM(CASE WHEN type = 'purchase' AND ts - shown_at <= 86400000 THEN 1 ELSE 0 END) AS BIGINT) AS purchases",
                "FROM attributed WHERE shown_by IS NOT NULL",
                "GROUP BY game_id, dt, shown_by ORDER BY game_id, dt, model"));
        // Decisions are logged at least once (Firehose may deliver a batch twice): one per event id.
        Dataset<Row> decisions = spark.sql(String.join("\n",
                "WITH decisions AS (",
                "  SELECT event_id, game_id, player_id, ts, to_date(timestamp_millis(ts)) AS dt, props['placement'] AS placement,",
                "    props['model'] AS model, props['variant'] AS variant, COALESCE(props['shadow'] = 'true', false) AS shadow,",
                "    props['fallback'] = 'true' AS fallback, get_json_object(props['offers'], '$[0]') AS top_offer",
                "  FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY event_id ORDER BY received_at) AS copy FROM served_lines) WHERE copy = 1),",
                "purchases AS (",
                "  SELECT game_id, player_id, ts, COALESCE(props['offer_id'], props['sku']) AS offer FROM dated_events WHERE type = 'purchase'),",
                "outcomes AS (",
                "  SELECT d.event_id, FIRST(d.game_id) AS game_id, FIRST(d.dt) AS dt, FIRST(d.placement) AS placement, FIRST(d.model) AS model,",
                "    FIRST(d.variant) AS variant, FIRST(d.shadow) AS shadow, FIRST(d.fallback) AS fallback, COUNT(p.ts) > 0 AS bought",
                "  FROM decisions d LEFT JOIN purchases p ON p.game_id = d.game_id AND p.player_id = d.player_id AND p.offer = d.top_offer",
                "    AND p.ts > d.ts AND p.ts <= d.ts + 86400000",
                "  GROUP BY d.event_id)",
                "SELECT game_id, dt, placement, model, variant, shadow, CAST(COUNT(*) AS BIGINT) AS decisions,",
                "  CAST(SUM(CASE WHEN fallback THEN 1 ELSE 0 END) AS BIGINT) AS fallbacks,",
                "  SUM(CASE WHEN fallback THEN 1 ELSE 0 END) / COUNT(*) AS fallback_share,",
                "  CAST(SUM(CASE WHEN bought THEN 1 ELSE 0 END) AS BIGINT) AS top_offer_bought_24h,",
                "  SUM(CASE WHEN bought THEN 1 ELSE 0 END) / COUNT(*) AS top_offer_bought_share",
                "FROM outcomes GROUP BY game_id, dt, placement, model, variant, shadow",
                "ORDER BY game_id, dt, placement, shadow, variant"));
        kpis.write().mode(SaveMode.Overwrite).parquet(out.resolve("daily_kpis").toString());
        offers.write().mode(SaveMode.Overwrite).parquet(out.resolve("offers_by_model").toString());
        decisions.write().mode(SaveMode.Overwrite).parquet(out.resolve("decisions_by_variant").toString());
        events.unpersist();
        double seconds = (System.nanoTime() - started) / 1e9;
        progress.step(String.format("daily KPIs, offers by model and decisions by variant written to %s in %.1f s", out, seconds));
        return new Result(spark.read().parquet(out.resolve("daily_kpis").toString()),
                spark.read().parquet(out.resolve("offers_by_model").toString()),
                spark.read().parquet(out.resolve("decisions_by_variant").toString()), seconds);
    }
}
