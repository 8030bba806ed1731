-- Stores a batch of relationships, first writer wins (ON CONFLICT DO NOTHING).
-- PostgreSQL: the whole batch in one round trip, one array parameter per column, returning the ids of the
-- rows that were new. SQLite: one row per execution of the prepared statement; the caller learns whether it
-- was new from sqlite3_changes() (no RETURNING: SQLite buffers returned rows in a temporary table first).
{{#if postgres}}
INSERT INTO relationships (id, source, session_id, related_session_id, relationship_type, agent_id, ts, record_json)
SELECT * FROM unnest(CAST(:id AS TEXT[]), CAST(:source AS TEXT[]), CAST(:session_id AS TEXT[]), CAST(:related_session_id AS TEXT[]), CAST(:relationship_type AS TEXT[]), CAST(:agent_id AS TEXT[]), CAST(:ts AS TEXT[]), CAST(:record_json AS TEXT[]))
ON CONFLICT (id) DO NOTHING
RETURNING id
{{#else}}
INSERT INTO relationships (id, source, session_id, related_session_id, relationship_type, agent_id, ts, record_json)
VALUES (:id, :source, :session_id, :related_session_id, :relationship_type, :agent_id, :ts, :record_json)
ON CONFLICT (id) DO NOTHING
{{/if}}
