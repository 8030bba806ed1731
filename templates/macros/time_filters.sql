-- The time bounds of docs/records.md section 5 on a record aliased {{r}} whose ts is never NULL: inclusive,
-- compared as strings. A NULL bound does not filter.
macro time_filters(r) =
(CAST(:since AS TEXT) IS NULL OR {{r}}.ts >= :since)
  AND (CAST(:until AS TEXT) IS NULL OR {{r}}.ts <= :until)
