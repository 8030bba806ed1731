-- PostgreSQL only: how long a migration's statements may wait for a table lock before failing (so an ALTER queued
-- behind a long query fails fast instead of blocking every later query on that table), and how long any one
-- may run. Transaction-scoped (is_local), so they end with the migration's transaction.
{{#if postgres}}
SELECT set_config('lock_timeout', :lock_timeout, true), set_config('statement_timeout', :statement_timeout, true)
{{/if}}
