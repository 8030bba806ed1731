-- The columns every schema_versions has had, for a table from before the floors and progress columns.
SELECT version, name, checksum, applied_at, execution_ms, applied_by
FROM schema_versions
ORDER BY version
