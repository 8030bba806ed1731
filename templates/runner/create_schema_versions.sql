-- The runner's own bookkeeping (DESIGN.md section 5); created under the migration lock before the first migration.
-- read_floor and write_floor: the oldest catalogs (by newest known migration) that may still read and write a store
-- at this version; NULL in rows from before they existed (add_schema_versions_floors.sql adds them there).
CREATE TABLE IF NOT EXISTS schema_versions (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    checksum TEXT NOT NULL,
    applied_at TEXT NOT NULL,
    execution_ms INTEGER NOT NULL,
    applied_by TEXT NOT NULL,
    read_floor INTEGER,
    write_floor INTEGER
);
