-- The normalised SQL checksum each recorded version was applied with (NULL for rows from before the column). Read
-- only when a file's checksum differs from the recorded one, or by `migrate status`, so the no-op stays one query.
SELECT version, sql_checksum FROM schema_versions ORDER BY version
