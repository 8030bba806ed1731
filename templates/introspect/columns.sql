-- Every column of every table in the current database (SQLite) or current schema (PostgreSQL), in
-- declaration order: table, column, declared type, not null (0/1), primary-key position (0 = not in the key),
-- whether the table is virtual (SQLite FTS5), and the column's default expression (NULL when none).
{{#if sqlite}}
SELECT m.name, p.name, p.type, p."notnull", p.pk, CASE WHEN m.sql LIKE 'CREATE VIRTUAL TABLE%' THEN 1 ELSE 0 END,
       p.dflt_value
FROM sqlite_master AS m
JOIN pragma_table_info(m.name) AS p
WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\_%' ESCAPE '\'
ORDER BY m.name, p.cid
{{#else}}
SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod),
       CASE WHEN a.attnotnull THEN 1 ELSE 0 END,
       coalesce(array_position(pk.conkey, a.attnum), 0), 0, pg_get_expr(d.adbin, d.adrelid)
FROM pg_class AS c
JOIN pg_namespace AS n ON n.oid = c.relnamespace
JOIN pg_attribute AS a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
LEFT JOIN pg_constraint AS pk ON pk.conrelid = c.oid AND pk.contype = 'p'
LEFT JOIN pg_attrdef AS d ON d.adrelid = c.oid AND d.adnum = a.attnum
WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
ORDER BY c.relname, a.attnum
{{/if}}
