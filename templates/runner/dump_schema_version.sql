-- The history row `schema dump` writes after each migration, with every value inlined: a store built from
-- schema/<dialect>.sql by the dialect's own CLI is at the dump's latest version, and its first `relayburn migrate`
-- is the no-op. No RETURNING, so the CLI that runs the script prints nothing for it.
INSERT INTO schema_versions (version, name, checksum, applied_at, execution_ms, applied_by, read_floor, write_floor,
    state, kind, relayburn_version, backfill_after, sql_checksum)
VALUES (:version, :name, :checksum, {{UTC_NOW}}, :execution_ms, :applied_by, :read_floor, :write_floor, :state, :kind,
    :relayburn_version, NULL, :sql_checksum);
