-- PostgreSQL only: the named lock of docs/records.md section 8, transaction-scoped so that a rollback, a commit or a
-- dropped connection releases it. Polled (with backoff, bounded by the caller's timeout) rather than waited on.
{{#if postgres}}
SELECT pg_try_advisory_xact_lock(hashtext(:name))
{{/if}}
