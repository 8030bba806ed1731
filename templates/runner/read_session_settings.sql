-- PostgreSQL only: the session's own values of the settings a no-transaction migration changes, restored afterwards
-- (the connection outlives the migration). client_connection_check_interval exists from PostgreSQL 14.
{{#if postgres}}
SELECT name, current_setting(name) FROM pg_settings
WHERE name IN ('lock_timeout', 'statement_timeout', 'client_connection_check_interval')
{{/if}}
