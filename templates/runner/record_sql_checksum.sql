-- Fills in the normalised SQL checksum of a row whose recorded checksum is this binary's file's, once: rows from
-- before the column, and the row the runner has just inserted.
UPDATE schema_versions SET sql_checksum = :sql_checksum
WHERE version = :version AND checksum = :checksum AND sql_checksum IS NULL
