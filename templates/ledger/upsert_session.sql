-- The sessions rollup of migration 0005: widen first/last seen, keep the first project known.
INSERT INTO sessions (session_id, source, project, first_seen, last_seen)
VALUES (:session_id, :source, :project, :ts, :ts)
ON CONFLICT (session_id) DO UPDATE SET
    first_seen = {{least(sessions.first_seen, excluded.first_seen)}},
    last_seen = {{greatest(sessions.last_seen, excluded.last_seen)}},
    project = coalesce(sessions.project, excluded.project)
