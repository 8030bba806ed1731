-- Totals and cost of canonical turns (twins collapsed), one row per group and model; :grouping is '' for the
-- overall total, or model, project, session, day, week (its Monday) or month, in UTC (templates/macros/
-- summary_turns.sql: the canonical turns matching the filters, with their group key).
--
-- Each turn's price (migration 0010) is the model_prices row of the first name that has one among the turn's
-- model as written, without its provider prefix, without its date suffix, and without both (ModelName in Swift
-- spells the same rule); of that name, the latest period that started at or before the turn, and in it the highest
-- tier whose context_above the turn's context (input + cache read + cache creation) exceeds (0: the base rate).
-- A turn without a price is counted in the unpriced column and costs nothing. Rates left NULL fall back: reasoning
-- to the output rate, cache read and cache creation (5 m and 1 h alike) to the input rate.
WITH canonical AS (
    {{summary_turns()}}
),
priced AS (
    -- One lookup per name, in order; coalesce stops at the first that finds a price (SQLite cannot order a
    -- correlated subquery by the outer row, so the name's rank cannot be a sort key).
    SELECT c.*,
           coalesce({{price_key_of(c.model, c)}},
                    {{price_key_of({{model_without_provider(c.model)}}, c)}},
                    {{price_key_of({{model_without_date(c.model)}}, c)}},
                    {{price_key_of({{model_without_date({{model_without_provider(c.model)}})}}, c)}}) AS price_key
    FROM canonical AS c
)
SELECT r.group_key, r.model, count(*), sum(r.input_tokens), sum(r.output_tokens), sum(r.reasoning_tokens),
       sum(r.cache_read_tokens), sum(r.cache_create_5m_tokens), sum(r.cache_create_1h_tokens),
       sum(CASE WHEN r.price_key IS NULL THEN 1 ELSE 0 END),
       sum(r.input_tokens * p.input_per_mtok) / 1000000.0,
       sum(r.output_tokens * p.output_per_mtok) / 1000000.0,
       sum(r.reasoning_tokens * coalesce(p.reasoning_per_mtok, p.output_per_mtok)) / 1000000.0,
       sum(r.cache_read_tokens * coalesce(p.cache_read_per_mtok, p.input_per_mtok)) / 1000000.0,
       sum((r.cache_create_5m_tokens + r.cache_create_1h_tokens) * coalesce(p.cache_write_per_mtok, p.input_per_mtok))
           / 1000000.0
FROM priced AS r
LEFT JOIN model_prices AS p ON p.price_key = r.price_key
GROUP BY r.group_key, r.model
