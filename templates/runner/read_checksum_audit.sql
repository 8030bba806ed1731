-- Every accepted edit a binary has recorded on this store.
SELECT version, recorded_checksum, accepted_checksum FROM schema_checksum_audit ORDER BY version
