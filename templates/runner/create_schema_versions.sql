-- The runner's own bookkeeping (DESIGN.md section 5); created under the migration lock before the first migration.
-- read_floor and write_floor: the oldest catalogs (by newest known migration) that may still read and write a store
-- at this version; NULL in rows from before they existed (add_schema_versions_floors.sql adds them there).
-- state: NULL once applied; 'running' while a no-transaction migration's statements run, 'backfilling' while a
-- backfill's batches run (backfill_after: the last key filled). kind: transactional, no-transaction or backfill.
-- relayburn_version: the applying binary's version. All four are nullable, added to older tables by
-- add_schema_versions_progress.sql, and never read by binaries from before them. sql_checksum: the checksum of the
-- migration's SQL as rendered for this store's dialect, comments and whitespace normalised (EffectiveSQL), so a
-- comment-only edit is told from a semantic one and a dialect-file change that alters an applied migration shows up
-- as drift; added by add_schema_versions_sql_checksum.sql, NULL in rows from before it.
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
    backfill_after TEXT,
    sql_checksum TEXT
);
-- Edits of applied migrations accepted through templates/migrations.accept: the checksum the store recorded, the
-- one the accepting binary's file has, and why, written once by the first binary that accepted it.
CREATE TABLE IF NOT EXISTS schema_checksum_audit (
    version INTEGER NOT NULL,
    recorded_checksum TEXT NOT NULL,
    accepted_checksum TEXT NOT NULL,
    reason TEXT NOT NULL,
    accepted_at TEXT NOT NULL,
    accepted_by TEXT NOT NULL,
    PRIMARY KEY (version, recorded_checksum, accepted_checksum)
);
