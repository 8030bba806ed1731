-- Recorded in the same transaction as the migration it describes.
INSERT INTO schema_versions (version, name, checksum, applied_at, execution_ms, applied_by, read_floor, write_floor)
VALUES (:version, :name, :checksum, :applied_at, :execution_ms, :applied_by, :read_floor, :write_floor)
