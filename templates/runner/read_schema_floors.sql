-- Read only when the store has migrations this binary does not know: their recorded floors decide whether it may
-- still read or write. Fails on a table without the floor columns, which the runner reads as "no floors".
SELECT version, read_floor, write_floor FROM schema_versions WHERE version > :known ORDER BY version
