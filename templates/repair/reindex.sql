-- schema diff --sql: rebuilds an index a failed concurrent build left INVALID, without blocking writers.
{{#if postgres}}
REINDEX INDEX CONCURRENTLY :name;
{{#else}}
REINDEX :name;
{{/if}}
