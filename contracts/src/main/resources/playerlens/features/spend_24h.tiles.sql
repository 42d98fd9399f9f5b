-- Purchases and spend in the last 24 hours, read at any time from 5-minute tiles of event time (only tiles with a
-- purchase exist). See README.md for how windowed features work.
-- tile: 5 minutes
-- window: purchases_24h = SUM(purchases) over 24 hours
-- window: spend_24h_cents = SUM(spend_cents) over 24 hours
SELECT
  game_id,
  player_id,
  profile_epoch,
  CAST(FLOOR(ts / 300000) AS BIGINT)                                              AS tile,
  CAST(COUNT(*) AS BIGINT)                                                        AS purchases,
  CAST(SUM(CAST(props['price_cents'] AS BIGINT)) AS BIGINT)                       AS spend_cents,
  MAX(received_at)                                                                AS received_at,
  MAX(processed_at)                                                               AS processed_at
FROM player_events
WHERE type = 'purchase'
GROUP BY game_id, player_id, profile_epoch, CAST(FLOOR(ts / 300000) AS BIGINT)
