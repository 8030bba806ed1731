-- Nullable, so binaries from before them keep inserting their rows (they name their columns) and reading theirs.
ALTER TABLE schema_versions ADD COLUMN state TEXT;
ALTER TABLE schema_versions ADD COLUMN kind TEXT;
ALTER TABLE schema_versions ADD COLUMN relayburn_version TEXT;
ALTER TABLE schema_versions ADD COLUMN backfill_after TEXT;
