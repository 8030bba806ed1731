-- migrate lint --trace: every table and index of the scratch schema with its file node. A statement after which a
-- relation has another relfilenode rewrote it (a table rewrite, or an index rebuilt). The last column says whether it
-- is a table: locks are reported on tables only (a write takes ROW EXCLUSIVE on every index too). PostgreSQL only.
{{#if postgres}}
SELECT c.oid::bigint, c.relname, c.relfilenode::bigint, CASE WHEN c.relkind IN ('r', 'p') THEN 1 ELSE 0 END
FROM pg_class AS c
JOIN pg_namespace AS n ON n.oid = c.relnamespace
WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'i', 'm')
ORDER BY c.relname
{{#else}}
SELECT NULL, NULL, NULL, NULL WHERE 0 = 1
{{/if}}
