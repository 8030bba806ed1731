-- schema diff --sql --unsafe: a trigger no migration creates.
{{#if postgres}}
DROP TRIGGER IF EXISTS :name ON :table;
{{#else}}
DROP TRIGGER IF EXISTS :name;
{{/if}}
