-- PostgreSQL only: moves the migration lock into a transactional migration's transaction. Taken once, right after
-- BEGIN, by a session that already holds the session-level lock (try_migration_session_lock.sql, polled outside any
-- transaction; see PostgresMigrationDriver), so it succeeds at once; transaction-scoped, so a ROLLBACK or a dropped
-- connection releases it.
{{#if postgres}}
SELECT pg_try_advisory_xact_lock(:lock_key)
{{/if}}
