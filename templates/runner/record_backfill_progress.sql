-- One backfill batch committed: the last key it filled, in the batch's own transaction.
UPDATE schema_versions SET backfill_after = :after, execution_ms = execution_ms + :execution_ms
WHERE version = :version
