-- Turns matching the filters of records.md section 5, in (ts, session_id, turn_index, id) order; fingerprint
-- twins collapse to the canonical turn unless :include_twins is 1. Resumes after the row (:after_*) for paging.
SELECT t.record_json, t.ts, t.session_id, t.turn_index, t.id
FROM turns AS t
WHERE (CAST(:since AS TEXT) IS NULL OR t.ts >= :since)
  AND (CAST(:until AS TEXT) IS NULL OR t.ts <= :until)
  AND (CAST(:project AS TEXT) IS NULL OR t.project = :project OR t.project_key = :project)
  AND (CAST(:session_id AS TEXT) IS NULL OR t.session_id = :session_id)
  AND (CAST(:source AS TEXT) IS NULL OR t.source = :source)
  AND (CAST(:include_twins AS {{BIGINT}}) = 1
       OR t.id = (SELECT f.canonical_id FROM turn_fingerprints AS f WHERE f.fingerprint = t.fingerprint))
  AND (CAST(:after_id AS TEXT) IS NULL
       OR (t.ts, t.session_id, t.turn_index, t.id) > (:after_ts, :after_session_id, CAST(:after_turn_index AS {{BIGINT}}), :after_id))
ORDER BY t.ts, t.session_id, t.turn_index, t.id
LIMIT :page_size
