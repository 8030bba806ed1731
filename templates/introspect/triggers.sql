-- Every trigger: table, trigger.
{{#if sqlite}}
SELECT tbl_name, name FROM sqlite_master WHERE type = 'trigger' ORDER BY tbl_name, name
{{#else}}
SELECT c.relname, t.tgname
FROM pg_trigger AS t
JOIN pg_class AS c ON c.oid = t.tgrelid
JOIN pg_namespace AS n ON n.oid = c.relnamespace
WHERE n.nspname = current_schema() AND NOT t.tgisinternal
ORDER BY c.relname, t.tgname
{{/if}}
