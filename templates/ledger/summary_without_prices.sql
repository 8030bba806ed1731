-- Totals of canonical turns on a store without model_prices yet (another host has migration 0010 to apply): the
-- shape of summary.sql, with every turn unpriced and no cost, so a summary never waits for that migration and never
-- prices a turn at $0.
WITH canonical AS (
    {{summary_turns()}}
)
SELECT c.group_key, c.model, count(*), sum(c.input_tokens), sum(c.output_tokens), sum(c.reasoning_tokens),
       sum(c.cache_read_tokens), sum(c.cache_create_5m_tokens), sum(c.cache_create_1h_tokens), count(*),
       0.0, 0.0, 0.0, 0.0, 0.0
FROM canonical AS c
GROUP BY c.group_key, c.model
