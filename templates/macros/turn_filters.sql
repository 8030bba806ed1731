-- The filters of docs/records.md section 5 on a turn aliased {{t}}: those of every kind, plus the project,
-- which matches the working directory or the normalised project key. Queries and summaries share it, so they
-- always count the same turns.
macro turn_filters(t) =
{{record_filters({{t}})}}
  AND (CAST(:project AS TEXT) IS NULL OR {{t}}.project = :project OR {{t}}.project_key = :project)
