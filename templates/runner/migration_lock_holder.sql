-- PostgreSQL only: who holds the migration lock, for the lock-timeout message. A bigint advisory key is stored
-- as classid (high 32 bits) and objid (low 32 bits) with objsubid 1.
{{#if postgres}}
SELECT a.pid, coalesce(a.application_name, ''), coalesce(host(a.client_addr), 'a local socket'),
       coalesce(to_char(a.backend_start AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), '')
FROM pg_locks l
JOIN pg_stat_activity a ON a.pid = l.pid
WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
  AND ((l.classid::bigint << 32) | l.objid::bigint) = :lock_key
  AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
{{/if}}
