-- Lifetime features: unbounded aggregates per player (a game's player), updated on every event without waiting for the
-- watermark (late events count here). Portable: Flink 1.19 and Spark SQL.
SELECT
  game_id,
  player_id,
  profile_epoch,
  CAST(COUNT(*) AS BIGINT)                                                                   AS events_total,
  CAST(SUM(CASE WHEN type = 'session_start' THEN 1 ELSE 0 END) AS BIGINT)                    AS sessions_total,
  CAST(SUM(CASE WHEN type = 'purchase' THEN 1 ELSE 0 END) AS BIGINT)                         AS purchases_total,
  CAST(SUM(CASE WHEN type = 'purchase' THEN CAST(props['price_cents'] AS BIGINT) ELSE 0 END) AS BIGINT) AS spend_total_cents,
  CAST(MAX(CASE WHEN type = 'level_complete' THEN CAST(props['level'] AS BIGINT) END) AS BIGINT) AS level_max,
  CAST(SUM(CASE WHEN type = 'session_end' THEN CAST(props['duration_s'] AS DOUBLE) ELSE 0 END) AS DOUBLE) AS playtime_s,
  CAST(SUM(CASE WHEN type = 'currency_earn' AND props['currency_type'] = 'coins' THEN CAST(props['amount'] AS DOUBLE)
                WHEN type = 'currency_spend' AND props['currency_type'] = 'coins' THEN -CAST(props['amount'] AS DOUBLE)
                ELSE 0 END) AS DOUBLE)                                                        AS coins_balance,
  MIN(ts)                                                                                    AS first_seen,
  MAX(ts)                                                                                    AS last_seen,
  SUBSTRING(MAX(CASE WHEN type = 'session_start' THEN CONCAT(LPAD(CAST(ts AS STRING), 13, '0'), props['platform']) END), 14) AS platform,
  SUBSTRING(MAX(CASE WHEN type = 'session_start' THEN CONCAT(LPAD(CAST(ts AS STRING), 13, '0'), props['country']) END), 14)  AS country,
  MAX(received_at)                                                                           AS received_at,
  MAX(processed_at)                                                                          AS processed_at
FROM player_events
GROUP BY game_id, player_id, profile_epoch
