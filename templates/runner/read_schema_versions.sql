-- The fast path's single query: every applied version, in order.
SELECT version, name, checksum, applied_at, execution_ms, applied_by
FROM schema_versions
ORDER BY version
