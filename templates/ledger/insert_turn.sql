-- Stores a turn unless its id is stored (first writer wins). PostgreSQL returns the id of a new row; SQLite
-- reports it through sqlite3_changes(), because RETURNING buffers its rows in a temporary table first.
INSERT INTO turns (id, fingerprint, source, session_id, message_id, turn_index, ts, model, project, project_key,
    input_tokens, output_tokens, reasoning_tokens, cache_read_tokens, cache_create_5m_tokens,
    cache_create_1h_tokens, stop_reason, subagent_id, record_json)
VALUES (:id, :fingerprint, :source, :session_id, :message_id, :turn_index, :ts, :model, :project, :project_key,
    :input_tokens, :output_tokens, :reasoning_tokens, :cache_read_tokens, :cache_create_5m_tokens,
    :cache_create_1h_tokens, :stop_reason, :subagent_id, :record_json)
ON CONFLICT (id) DO NOTHING
{{#if postgres}}
RETURNING id
{{/if}}
