-- The runner's own bookkeeping (DESIGN.md section 5); created under the migration lock before the first migration.
CREATE TABLE IF NOT EXISTS schema_versions (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    checksum TEXT NOT NULL,
    applied_at TEXT NOT NULL,
    execution_ms INTEGER NOT NULL,
    applied_by TEXT NOT NULL
);
