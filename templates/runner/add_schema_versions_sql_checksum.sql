-- Nullable, so binaries from before it keep inserting their rows (they name their columns) and reading theirs.
ALTER TABLE schema_versions ADD COLUMN sql_checksum TEXT;
