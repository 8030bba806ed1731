-- The runner's own bookkeeping (DESIGN.md section 5); created under the migration lock before the first migration.
-- read_floor and write_floor: the oldest catalogs (by newest known migration) that may still read and write a store
-- at this version; NULL in rows from before they existed (add_schema_versions_floors.sql adds them there).
-- state: NULL once applied; 'running' while a no-transaction migration's statements run, 'backfilling' while a
-- backfill's batches run (backfill_after: the last key filled). kind: transactional, no-transaction or backfill.
-- relayburn_version: the applying binary's version. All four are nullable, added to older tables by
-- add_schema_versions_progress.sql, and never read by binaries from before them.
CREATE TABLE IF NOT EXISTS schema_versions (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    checksum TEXT NOT NULL,
    applied_at TEXT NOT NULL,
    execution_ms INTEGER NOT NULL,
    applied_by TEXT NOT NULL,
    read_floor INTEGER,
    write_floor INTEGER,
    state TEXT,
    kind TEXT,
    relayburn_version TEXT,
    backfill_after TEXT
);
