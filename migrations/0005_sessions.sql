-- One row per session with its first and last turn time and project, kept up to date by the adapters with the
-- same least()/greatest() upsert used here, so listing sessions never scans turns.
CREATE TABLE sessions (
    session_id TEXT NOT NULL PRIMARY KEY,
    source TEXT NOT NULL,
    project TEXT,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL
) {{STRICT}};

CREATE INDEX sessions_last_seen ON sessions (last_seen);
CREATE INDEX sessions_project ON sessions (project);

-- "WHERE true" keeps SQLite from reading ON CONFLICT as a join constraint.
INSERT INTO sessions (session_id, source, project, first_seen, last_seen)
SELECT session_id, min(source), max(project), min(ts), max(ts)
FROM turns
WHERE true
GROUP BY session_id
ON CONFLICT (session_id) DO UPDATE SET
    first_seen = {{least(sessions.first_seen, excluded.first_seen)}},
    last_seen = {{greatest(sessions.last_seen, excluded.last_seen)}},
    project = coalesce(sessions.project, excluded.project);
