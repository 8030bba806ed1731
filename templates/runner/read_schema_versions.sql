-- The fast path's single query: every recorded version, in order, with its floors and progress. A table from before
-- those columns fails it; the runner then reads read_schema_versions_legacy.sql and adds them under the lock.
SELECT version, name, checksum, applied_at, execution_ms, applied_by, read_floor, write_floor, state, kind,
    relayburn_version, backfill_after
FROM schema_versions
ORDER BY version
