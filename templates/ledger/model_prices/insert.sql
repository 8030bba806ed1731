-- Stores prices, first writer wins (a price_key is a model, a start and a tier, so a catalogue imported twice is
-- stored once). PostgreSQL: the whole batch in one round trip, returning the keys that were new. SQLite: one row
-- per execution; sqlite3_changes() says whether it was new.
{{#if postgres}}
INSERT INTO model_prices (price_key, model, effective_from, context_above, input_per_mtok, output_per_mtok,
    reasoning_per_mtok, cache_read_per_mtok, cache_write_per_mtok, source, imported_at)
SELECT * FROM unnest(CAST(:price_key AS TEXT[]), CAST(:model AS TEXT[]), CAST(:effective_from AS TEXT[]),
    CAST(:context_above AS BIGINT[]), CAST(:input_per_mtok AS DOUBLE PRECISION[]),
    CAST(:output_per_mtok AS DOUBLE PRECISION[]), CAST(:reasoning_per_mtok AS DOUBLE PRECISION[]),
    CAST(:cache_read_per_mtok AS DOUBLE PRECISION[]), CAST(:cache_write_per_mtok AS DOUBLE PRECISION[]),
    CAST(:source AS TEXT[]), CAST(:imported_at AS TEXT[]))
ON CONFLICT (price_key) DO NOTHING
RETURNING price_key
{{#else}}
INSERT INTO model_prices (price_key, model, effective_from, context_above, input_per_mtok, output_per_mtok,
    reasoning_per_mtok, cache_read_per_mtok, cache_write_per_mtok, source, imported_at)
VALUES (:price_key, :model, :effective_from, :context_above, :input_per_mtok, :output_per_mtok, :reasoning_per_mtok,
    :cache_read_per_mtok, :cache_write_per_mtok, :source, :imported_at)
ON CONFLICT (price_key) DO NOTHING
{{/if}}
