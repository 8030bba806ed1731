-- Nullable, so binaries from before the floors keep inserting their rows (they name their columns).
ALTER TABLE schema_versions ADD COLUMN read_floor INTEGER;
ALTER TABLE schema_versions ADD COLUMN write_floor INTEGER;
