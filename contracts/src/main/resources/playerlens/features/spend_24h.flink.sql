-- Purchases in the 24 h of event time ending at each event; the profile keeps the value at the player's
-- latest event. Event-time OVER windows emit once the watermark passes the event; events that arrive behind
-- the watermark (on_time = false) are left out of windows and counted in the LateEvents metric.
SELECT
  player_id,
  profile_epoch,
  event_time,
  CAST(SUM(CASE WHEN type = 'purchase' THEN 1 ELSE 0 END) OVER w AS BIGINT)                                   AS purchases_24h,
  CAST(SUM(CASE WHEN type = 'purchase' THEN CAST(props['price_cents'] AS BIGINT) ELSE 0 END) OVER w AS BIGINT) AS spend_24h_cents
FROM player_events_on_time
WINDOW w AS (PARTITION BY player_id, profile_epoch ORDER BY event_time RANGE BETWEEN INTERVAL '1' DAY PRECEDING AND CURRENT ROW)
