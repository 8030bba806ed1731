-- A no-transaction migration's statements or a backfill's batches are done: the row counts as applied from now on,
-- and its floors take effect.
UPDATE schema_versions
SET state = NULL, read_floor = :read_floor, write_floor = :write_floor, execution_ms = execution_ms + :execution_ms,
    applied_at = {{UTC_NOW}}
WHERE version = :version
RETURNING applied_at, execution_ms
