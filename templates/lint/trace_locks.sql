-- migrate lint --trace: the relation locks this session holds (all of them are kept to the end of the transaction,
-- so what a statement took is what is held after it and was not before). PostgreSQL only.
{{#if postgres}}
SELECT l.relation::bigint, l.mode
FROM pg_locks AS l
WHERE l.pid = pg_backend_pid() AND l.locktype = 'relation' AND l.granted
{{#else}}
SELECT NULL, NULL WHERE 0 = 1
{{/if}}
