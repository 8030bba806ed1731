-- The sessions rollup of migration 0005: widen first/last seen, keep the first project known. Called once per
-- session of a batch, with that batch's earliest and latest new turn.
INSERT INTO sessions (session_id, source, project, first_seen, last_seen)
VALUES (:session_id, :source, :project, :first_seen, :last_seen)
ON CONFLICT (session_id) DO UPDATE SET
    first_seen = {{least(sessions.first_seen, excluded.first_seen)}},
    last_seen = {{greatest(sessions.last_seen, excluded.last_seen)}},
    project = coalesce(sessions.project, excluded.project)
