-- The first binary to accept an edit through templates/migrations.accept keeps the old and new checksums and the
-- reason; later ones find the row and write nothing.
INSERT INTO schema_checksum_audit (version, recorded_checksum, accepted_checksum, reason, accepted_at, accepted_by)
VALUES (:version, :recorded_checksum, :accepted_checksum, :reason, {{UTC_NOW}}, :accepted_by)
ON CONFLICT DO NOTHING
