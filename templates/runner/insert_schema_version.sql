-- Recorded in the same transaction as the migration it describes (or, for a no-transaction migration or a backfill,
-- before its first statement or batch, with its state). applied_at comes from the database's clock, so rows
-- written by hosts with skewed clocks still order by when they happened.
INSERT INTO schema_versions (version, name, checksum, applied_at, execution_ms, applied_by, read_floor, write_floor,
    state, kind, relayburn_version, backfill_after)
VALUES (:version, :name, :checksum, {{UTC_NOW}}, :execution_ms, :applied_by, :read_floor, :write_floor, :state, :kind,
    :relayburn_version, NULL)
RETURNING applied_at
