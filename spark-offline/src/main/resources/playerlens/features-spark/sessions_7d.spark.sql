-- Spark equivalent of contracts' sessions_7d.flink.sql: sessions started in the 7 days of event time ending at
-- the player's latest event.
SELECT player_id, profile_epoch, sessions_7d FROM (
  SELECT
    player_id,
    profile_epoch,
    CAST(SUM(CASE WHEN type = 'session_start' THEN 1 ELSE 0 END) OVER w AS BIGINT) AS sessions_7d,
    ROW_NUMBER() OVER (PARTITION BY player_id, profile_epoch ORDER BY ts DESC, event_id DESC) AS newest
  FROM player_events
  WINDOW w AS (PARTITION BY player_id, profile_epoch ORDER BY ts RANGE BETWEEN 604800000 PRECEDING AND CURRENT ROW)
) WHERE newest = 1
