macro summary_turns() =
SELECT CASE CAST(:grouping AS TEXT)
           WHEN 'model' THEN t.model
           WHEN 'project' THEN t.project
           WHEN 'session' THEN t.session_id
           WHEN 'day' THEN substr(t.ts, 1, 10)
           WHEN 'week' THEN {{utc_week_start(t.ts)}}
           WHEN 'month' THEN substr(t.ts, 1, 7)
           ELSE ''
       END AS group_key,
       t.model, t.ts, t.input_tokens, t.output_tokens, t.reasoning_tokens, t.cache_read_tokens,
       t.cache_create_5m_tokens, t.cache_create_1h_tokens
FROM turns AS t
WHERE NOT EXISTS (SELECT 1 FROM turns AS twin WHERE twin.fingerprint = t.fingerprint AND twin.id < t.id)
  AND {{turn_filters(t)}}
