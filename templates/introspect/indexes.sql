-- Every index that is not the primary key's, one row per column: table, index, unique (0/1), position, column name
-- ('(expression)' for an expression key), method (btree, gin, ...), predicate of a partial index (NULL when none),
-- valid (0 for a PostgreSQL index a failed CONCURRENTLY build left INVALID), included (1 for an INCLUDE column), and
-- the text of an expression key (NULL for a plain column).
{{#if sqlite}}
SELECT m.tbl_name, m.name, il."unique", ii.seqno, coalesce(ii.name, '(expression)'), 'btree',
       CASE WHEN il.partial THEN trim(substr(m.sql, instr(upper(m.sql), ' WHERE ') + 7)) END, 1, 0, NULL
FROM sqlite_master AS m
JOIN pragma_index_list(m.tbl_name) AS il ON il.name = m.name
JOIN pragma_index_info(m.name) AS ii
WHERE m.type = 'index' AND il.origin <> 'pk'
ORDER BY m.tbl_name, m.name, ii.seqno
{{#else}}
SELECT t.relname, i.relname, CASE WHEN x.indisunique THEN 1 ELSE 0 END, k.position - 1,
       coalesce(a.attname, '(expression)'), am.amname, pg_get_expr(x.indpred, x.indrelid),
       CASE WHEN x.indisvalid THEN 1 ELSE 0 END, CASE WHEN k.position > x.indnkeyatts THEN 1 ELSE 0 END,
       CASE WHEN k.attnum = 0 THEN pg_get_indexdef(x.indexrelid, k.position::int, true) END
FROM pg_index AS x
JOIN pg_class AS i ON i.oid = x.indexrelid
JOIN pg_class AS t ON t.oid = x.indrelid
JOIN pg_am AS am ON am.oid = i.relam
JOIN pg_namespace AS n ON n.oid = t.relnamespace
CROSS JOIN LATERAL unnest(x.indkey::int2[]) WITH ORDINALITY AS k(attnum, position)
LEFT JOIN pg_attribute AS a ON a.attrelid = t.oid AND a.attnum = k.attnum AND k.attnum > 0
WHERE n.nspname = current_schema() AND NOT x.indisprimary
ORDER BY t.relname, i.relname, k.position
{{/if}}
