-- relayburn: compat=additive
-- Token prices as data, so `summary` computes cost in SQL on the typed turn columns. One row per model, price
-- period and context tier: the dollar rates per million tokens that apply to a turn of `model` from
-- `effective_from` on (until the model's next period), when its context (input + cache read + cache creation)
-- exceeds `context_above` tokens (0: the base rate). A rate left NULL falls back as summary.sql documents
-- (reasoning to output, cache read and cache write to input). `model` is a catalogue id (`claude-haiku-4-5`) or a
-- provider-qualified one (`anthropic/claude-haiku-4-5`). `price_key` is model|effective_from|context_above, so a
-- price is stored once however often a catalogue is imported. Older binaries neither read nor write it.
CREATE TABLE model_prices (
    price_key TEXT NOT NULL PRIMARY KEY,
    model TEXT NOT NULL,
    effective_from TEXT NOT NULL,
    context_above {{BIGINT}} NOT NULL,
    input_per_mtok {{DOUBLE}} NOT NULL,
    output_per_mtok {{DOUBLE}} NOT NULL,
    reasoning_per_mtok {{DOUBLE}},
    cache_read_per_mtok {{DOUBLE}},
    cache_write_per_mtok {{DOUBLE}},
    source TEXT NOT NULL,
    imported_at TEXT NOT NULL
) {{STRICT}};
CREATE INDEX model_prices_lookup ON model_prices (model, effective_from, context_above);
