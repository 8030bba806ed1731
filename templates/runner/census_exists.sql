-- Whether the store has the fleet census (migration 0008); checked before reading it inside a migration's
-- transaction, where a failed query would abort the transaction on PostgreSQL.
{{#if postgres}}
SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'relayburn_hosts'
{{#else}}
SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'relayburn_hosts'
{{/if}}
