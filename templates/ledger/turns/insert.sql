-- Stores a batch of turns, first writer wins (ON CONFLICT DO NOTHING).
-- PostgreSQL: the whole batch in one round trip, one array parameter per column, returning the ids of the
-- rows that were new. SQLite: one row per execution of the prepared statement; the caller learns whether it
-- was new from sqlite3_changes() (no RETURNING: SQLite buffers returned rows in a temporary table first).
{{#if postgres}}
INSERT INTO turns (id, fingerprint, source, session_id, message_id, turn_index, ts, model, project, project_key,
    input_tokens, output_tokens, reasoning_tokens, cache_read_tokens, cache_create_5m_tokens,
    cache_create_1h_tokens, stop_reason, subagent_id, record_json)
SELECT * FROM unnest(
    CAST(:id AS TEXT[]), CAST(:fingerprint AS TEXT[]), CAST(:source AS TEXT[]), CAST(:session_id AS TEXT[]),
    CAST(:message_id AS TEXT[]), CAST(:turn_index AS BIGINT[]), CAST(:ts AS TEXT[]), CAST(:model AS TEXT[]),
    CAST(:project AS TEXT[]), CAST(:project_key AS TEXT[]), CAST(:input_tokens AS BIGINT[]),
    CAST(:output_tokens AS BIGINT[]), CAST(:reasoning_tokens AS BIGINT[]), CAST(:cache_read_tokens AS BIGINT[]),
    CAST(:cache_create_5m_tokens AS BIGINT[]), CAST(:cache_create_1h_tokens AS BIGINT[]),
    CAST(:stop_reason AS TEXT[]), CAST(:subagent_id AS TEXT[]), CAST(:record_json AS TEXT[]))
ON CONFLICT (id) DO NOTHING
RETURNING id
{{#else}}
INSERT INTO turns (id, fingerprint, source, session_id, message_id, turn_index, ts, model, project, project_key,
    input_tokens, output_tokens, reasoning_tokens, cache_read_tokens, cache_create_5m_tokens,
    cache_create_1h_tokens, stop_reason, subagent_id, record_json)
VALUES (:id, :fingerprint, :source, :session_id, :message_id, :turn_index, :ts, :model, :project, :project_key,
    :input_tokens, :output_tokens, :reasoning_tokens, :cache_read_tokens, :cache_create_5m_tokens,
    :cache_create_1h_tokens, :stop_reason, :subagent_id, :record_json)
ON CONFLICT (id) DO NOTHING
{{/if}}
