-- Totals of canonical turns (twins collapsed) per group; :grouping is '' for the overall total, or model,
-- project, session or day. The filters are those of query_turns.sql.
SELECT CASE CAST(:grouping AS TEXT)
           WHEN 'model' THEN t.model
           WHEN 'project' THEN t.project
           WHEN 'session' THEN t.session_id
           WHEN 'day' THEN substr(t.ts, 1, 10)
           ELSE ''
       END AS group_key,
       count(*), sum(t.input_tokens), sum(t.output_tokens), sum(t.reasoning_tokens), sum(t.cache_read_tokens),
       sum(t.cache_create_5m_tokens), sum(t.cache_create_1h_tokens)
FROM turns AS t
WHERE NOT EXISTS (SELECT 1 FROM turns AS twin WHERE twin.fingerprint = t.fingerprint AND twin.id < t.id)
  AND {{turn_filters(t)}}
GROUP BY 1
