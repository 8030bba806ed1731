-- Every stored price, for `prices list`, for comparing an import with the current prices, and for the memory of
-- a copy; by model, then start, then tier.
SELECT model, effective_from, context_above, input_per_mtok, output_per_mtok, reasoning_per_mtok,
    cache_read_per_mtok, cache_write_per_mtok, source
FROM model_prices
ORDER BY model, effective_from, context_above
