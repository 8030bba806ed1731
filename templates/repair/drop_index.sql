-- schema diff --sql --unsafe: an index no migration creates (without blocking writers on PostgreSQL).
{{#if postgres}}
DROP INDEX CONCURRENTLY IF EXISTS :name;
{{#else}}
DROP INDEX IF EXISTS :name;
{{/if}}
