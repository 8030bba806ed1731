-- PostgreSQL only: the migration lock at session level, polled outside any transaction (see PostgresMigrationDriver).
-- A no-transaction migration holds it while its statements run; a transactional one moves it into its transaction
-- (try_migration_lock.sql). Released by release_migration_session_lock.sql and by a dropped connection.
{{#if postgres}}
SELECT pg_try_advisory_lock(:lock_key)
{{/if}}
