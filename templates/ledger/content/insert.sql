-- Stores a batch of content, first writer wins (ON CONFLICT DO NOTHING).
-- PostgreSQL: the whole batch in one round trip, one array parameter per column, returning the ids of the
-- rows that were new. SQLite: one row per execution of the prepared statement; the caller learns whether it
-- was new from sqlite3_changes() (no RETURNING: SQLite buffers returned rows in a temporary table first).
-- Content ids are unique per session.
{{#if postgres}}
INSERT INTO content (session_id, id, source, message_id, ts, role, kind, byte_len, written_at, record_json)
SELECT * FROM unnest(CAST(:session_id AS TEXT[]), CAST(:id AS TEXT[]), CAST(:source AS TEXT[]), CAST(:message_id AS TEXT[]), CAST(:ts AS TEXT[]), CAST(:role AS TEXT[]), CAST(:kind AS TEXT[]), CAST(:byte_len AS BIGINT[]), CAST(:written_at AS TEXT[]), CAST(:record_json AS TEXT[]))
ON CONFLICT (session_id, id) DO NOTHING
RETURNING id
{{#else}}
INSERT INTO content (session_id, id, source, message_id, ts, role, kind, byte_len, written_at, record_json)
VALUES (:session_id, :id, :source, :message_id, :ts, :role, :kind, :byte_len, :written_at, :record_json)
ON CONFLICT (session_id, id) DO NOTHING
{{/if}}
