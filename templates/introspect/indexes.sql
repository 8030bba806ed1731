-- Every index that is not the primary key's: table, index, unique (0/1), key position, column name
-- ('(expression)' for an expression key).
{{#if sqlite}}
SELECT m.tbl_name, m.name, il."unique", ii.seqno, coalesce(ii.name, '(expression)')
FROM sqlite_master AS m
JOIN pragma_index_list(m.tbl_name) AS il ON il.name = m.name
JOIN pragma_index_info(m.name) AS ii
WHERE m.type = 'index' AND il.origin <> 'pk'
ORDER BY m.tbl_name, m.name, ii.seqno
{{#else}}
SELECT t.relname, i.relname, CASE WHEN x.indisunique THEN 1 ELSE 0 END, k.position - 1,
       coalesce(a.attname, '(expression)')
FROM pg_index AS x
JOIN pg_class AS i ON i.oid = x.indexrelid
JOIN pg_class AS t ON t.oid = x.indrelid
JOIN pg_namespace AS n ON n.oid = t.relnamespace
CROSS JOIN LATERAL unnest(x.indkey::int2[]) WITH ORDINALITY AS k(attnum, position)
LEFT JOIN pg_attribute AS a ON a.attrelid = t.oid AND a.attnum = k.attnum AND k.attnum > 0
WHERE n.nspname = current_schema() AND NOT x.indisprimary
ORDER BY t.relname, i.relname, k.position
{{/if}}
