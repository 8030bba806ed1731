-- PostgreSQL only: the other sessions holding locks on this schema's tables inside an open transaction, oldest
-- query first: who kept a migration's ALTER from taking its lock, for the error message.
{{#if postgres}}
SELECT DISTINCT a.pid::text, coalesce(a.application_name, ''),
    coalesce(to_char(a.query_start AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), ''), coalesce(a.state, '')
FROM pg_locks l
JOIN pg_stat_activity a ON a.pid = l.pid
JOIN pg_class c ON c.oid = l.relation
WHERE l.granted AND a.pid <> pg_backend_pid() AND a.xact_start IS NOT NULL
    AND c.relnamespace = to_regnamespace(current_schema())
ORDER BY 3
LIMIT 5
{{/if}}
