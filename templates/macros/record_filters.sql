-- Every filter of docs/records.md section 5 that applies to all kinds with a ts (time, session, source), on a
-- record aliased {{r}}; kinds with their own session rule spell it next to time_filters and source_filter.
macro record_filters(r) =
{{time_filters({{r}})}}
  AND (CAST(:session_id AS TEXT) IS NULL OR {{r}}.session_id = :session_id)
  AND {{source_filter({{r}})}}
