-- Every view (PostgreSQL: and materialized view) of the current database or schema, by name.
{{#if sqlite}}
SELECT name FROM sqlite_master WHERE type = 'view' ORDER BY name
{{#else}}
SELECT c.relname
FROM pg_class AS c
JOIN pg_namespace AS n ON n.oid = c.relnamespace
WHERE n.nspname = current_schema() AND c.relkind IN ('v', 'm')
ORDER BY c.relname
{{/if}}
