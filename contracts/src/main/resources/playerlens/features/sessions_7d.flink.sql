-- Sessions started in the 7 days of event time ending at each event (see spend_24h.flink.sql for the policy).
SELECT
  player_id,
  profile_epoch,
  event_time,
  CAST(SUM(CASE WHEN type = 'session_start' THEN 1 ELSE 0 END) OVER w AS BIGINT) AS sessions_7d
FROM player_events_on_time
WINDOW w AS (PARTITION BY player_id, profile_epoch ORDER BY event_time RANGE BETWEEN INTERVAL '7' DAY PRECEDING AND CURRENT ROW)
