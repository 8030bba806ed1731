-- Stores a turn unless its id is stored (first writer wins); the caller learns whether it was new from
-- sqlite3_changes(). No RETURNING: SQLite buffers returned rows in a temporary table first. PostgreSQL stores
-- whole batches through insert_turns_batch.sql instead.
INSERT INTO turns (id, fingerprint, source, session_id, message_id, turn_index, ts, model, project, project_key,
    input_tokens, output_tokens, reasoning_tokens, cache_read_tokens, cache_create_5m_tokens,
    cache_create_1h_tokens, stop_reason, subagent_id, record_json)
VALUES (:id, :fingerprint, :source, :session_id, :message_id, :turn_index, :ts, :model, :project, :project_key,
    :input_tokens, :output_tokens, :reasoning_tokens, :cache_read_tokens, :cache_create_5m_tokens,
    :cache_create_1h_tokens, :stop_reason, :subagent_id, :record_json)
ON CONFLICT (id) DO NOTHING
