-- PostgreSQL only: who holds the named lock, for the lock-timeout message. The lock key is hashtext(name)
-- widened to bigint, stored by pg_locks as classid (high 32 bits) and objid (low 32 bits) with objsubid 1.
{{#if postgres}}
SELECT a.pid, coalesce(a.application_name, ''), coalesce(host(a.client_addr), 'a local socket')
FROM pg_locks l
JOIN pg_stat_activity a ON a.pid = l.pid
WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
  AND ((l.classid::bigint << 32) | l.objid::bigint) = hashtext(:name)::bigint
  AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
{{/if}}
