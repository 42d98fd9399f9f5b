-- Spark equivalent of contracts' spend_24h.flink.sql: purchases in the 24 h of event time ending at the player's
-- latest event (RANGE on ts in ms, bounds inclusive as Flink's INTERVAL '1' DAY PRECEDING).
SELECT player_id, profile_epoch, purchases_24h, spend_24h_cents FROM (
  SELECT
    player_id,
    profile_epoch,
    CAST(SUM(CASE WHEN type = 'purchase' THEN 1 ELSE 0 END) OVER w AS BIGINT)                                   AS purchases_24h,
    CAST(SUM(CASE WHEN type = 'purchase' THEN CAST(props['price_cents'] AS BIGINT) ELSE 0 END) OVER w AS BIGINT) AS spend_24h_cents,
    ROW_NUMBER() OVER (PARTITION BY player_id, profile_epoch ORDER BY ts DESC, event_id DESC)                   AS newest
  FROM player_events
  WINDOW w AS (PARTITION BY player_id, profile_epoch ORDER BY ts RANGE BETWEEN 86400000 PRECEDING AND CURRENT ROW)
) WHERE newest = 1
