-- Activity in the last hour, from 5-minute tiles: every event, and rewarded ads watched. Added as the example of the
-- recipe in README.md (a new windowed feature is a new file like this one).
-- tile: 5 minutes
-- window: events_1h = SUM(events) over 1 hour
-- window: ads_watched_1h = SUM(ads) over 1 hour
SELECT
  game_id,
  player_id,
  profile_epoch,
  CAST(FLOOR(ts / 300000) AS BIGINT)                                              AS tile,
  CAST(COUNT(*) AS BIGINT)                                                        AS events,
  CAST(SUM(CASE WHEN type = 'ad_watched' THEN 1 ELSE 0 END) AS BIGINT)           AS ads,
  MAX(received_at)                                                                AS received_at,
  MAX(processed_at)                                                               AS processed_at
FROM player_events
GROUP BY game_id, player_id, profile_epoch, CAST(FLOOR(ts / 300000) AS BIGINT)
