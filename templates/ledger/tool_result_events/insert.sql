-- Stores a batch of tool result events, first writer wins (ON CONFLICT DO NOTHING).
-- PostgreSQL: the whole batch in one round trip, one array parameter per column, returning the ids of the
-- rows that were new. SQLite: one row per execution of the prepared statement; the caller learns whether it
-- was new from sqlite3_changes() (no RETURNING: SQLite buffers returned rows in a temporary table first).
{{#if postgres}}
INSERT INTO tool_result_events (id, source, session_id, message_id, tool_use_id, event_index, status, event_source, ts, output_bytes, output_truncated, record_json)
SELECT * FROM unnest(CAST(:id AS TEXT[]), CAST(:source AS TEXT[]), CAST(:session_id AS TEXT[]), CAST(:message_id AS TEXT[]), CAST(:tool_use_id AS TEXT[]), CAST(:event_index AS BIGINT[]), CAST(:status AS TEXT[]), CAST(:event_source AS TEXT[]), CAST(:ts AS TEXT[]), CAST(:output_bytes AS BIGINT[]), CAST(:output_truncated AS BOOLEAN[]), CAST(:record_json AS TEXT[]))
ON CONFLICT (id) DO NOTHING
RETURNING id
{{#else}}
INSERT INTO tool_result_events (id, source, session_id, message_id, tool_use_id, event_index, status, event_source,
    ts, output_bytes, output_truncated, record_json)
VALUES (:id, :source, :session_id, :message_id, :tool_use_id, :event_index, :status, :event_source, :ts,
    :output_bytes, :output_truncated, :record_json)
ON CONFLICT (id) DO NOTHING
{{/if}}
