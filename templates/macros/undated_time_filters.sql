-- The time bounds of docs/records.md section 5 for kinds whose ts may be absent: a record without one passes.
macro undated_time_filters(r) =
(CAST(:since AS TEXT) IS NULL OR {{r}}.ts IS NULL OR {{r}}.ts >= :since)
  AND (CAST(:until AS TEXT) IS NULL OR {{r}}.ts IS NULL OR {{r}}.ts <= :until)
