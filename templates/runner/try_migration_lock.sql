-- PostgreSQL only. Polled with backoff rather than waiting in pg_advisory_xact_lock: a session blocked on an
-- advisory lock makes the holder's CREATE INDEX CONCURRENTLY fail with a deadlock. Transaction-scoped, so a
-- ROLLBACK or a dropped connection releases it.
{{#if postgres}}
SELECT pg_try_advisory_xact_lock(:lock_key)
{{/if}}
