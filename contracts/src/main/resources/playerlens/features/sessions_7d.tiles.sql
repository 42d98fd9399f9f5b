-- Sessions started in the last 7 days, read at any time from 1-hour tiles of event time.
-- tile: 1 hour
-- window: sessions_7d = SUM(sessions) over 7 days
SELECT
  game_id,
  player_id,
  profile_epoch,
  CAST(FLOOR(ts / 3600000) AS BIGINT)                                             AS tile,
  CAST(COUNT(*) AS BIGINT)                                                        AS sessions,
  MAX(received_at)                                                                AS received_at,
  MAX(processed_at)                                                               AS processed_at
FROM player_events
WHERE type = 'session_start'
GROUP BY game_id, player_id, profile_epoch, CAST(FLOOR(ts / 3600000) AS BIGINT)
