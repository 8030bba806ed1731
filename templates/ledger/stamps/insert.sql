-- Stores a batch of stamps, first writer wins (ON CONFLICT DO NOTHING).
-- PostgreSQL: the whole batch in one round trip, one array parameter per column, returning the ids of the
-- rows that were new. SQLite: one row per execution of the prepared statement; the caller learns whether it
-- was new from sqlite3_changes() (no RETURNING: SQLite buffers returned rows in a temporary table first).
-- seq (assigned by the database) is the append order that breaks ties between stamps with the same ts.
{{#if postgres}}
INSERT INTO stamps (id, ts, session_id, message_id, record_json)
SELECT * FROM unnest(CAST(:id AS TEXT[]), CAST(:ts AS TEXT[]), CAST(:session_id AS TEXT[]), CAST(:message_id AS TEXT[]), CAST(:record_json AS TEXT[]))
ON CONFLICT (id) DO NOTHING
RETURNING id
{{#else}}
INSERT INTO stamps (id, ts, session_id, message_id, record_json)
VALUES (:id, :ts, :session_id, :message_id, :record_json)
ON CONFLICT (id) DO NOTHING
{{/if}}
