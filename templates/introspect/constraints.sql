-- Foreign keys and CHECK constraints: table, name, kind ('f' or 'c'), definition. SQLite keeps no names or CHECK
-- texts in its catalog, so there its foreign keys are named fk_TABLE_N and its CHECKs are not listed.
{{#if sqlite}}
SELECT m.name, 'fk_' || m.name || '_' || f.id, 'f',
       'FOREIGN KEY (' || group_concat(f."from", ', ') || ') REFERENCES ' || f."table"
FROM sqlite_master AS m
JOIN pragma_foreign_key_list(m.name) AS f
WHERE m.type = 'table'
GROUP BY m.name, f.id, f."table"
ORDER BY m.name, f.id
{{#else}}
SELECT c.relname, con.conname, con.contype, pg_get_constraintdef(con.oid)
FROM pg_constraint AS con
JOIN pg_class AS c ON c.oid = con.conrelid
JOIN pg_namespace AS n ON n.oid = c.relnamespace
WHERE n.nspname = current_schema() AND con.contype IN ('f', 'c')
ORDER BY c.relname, con.conname
{{/if}}
