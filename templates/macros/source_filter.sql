-- The exact-source filter of docs/records.md section 5.
macro source_filter(r) =
(CAST(:source AS TEXT) IS NULL OR {{r}}.source = :source)
