-- PostgreSQL only: INVALID indexes of this schema a killed CREATE INDEX CONCURRENTLY (named :name) or REINDEX
-- CONCURRENTLY (its copies are named :name_ccnew, :name_ccnew1, ...) left behind.
{{#if postgres}}
SELECT c.relname
FROM pg_index i
JOIN pg_class c ON c.oid = i.indexrelid
WHERE NOT i.indisvalid AND c.relnamespace = to_regnamespace(current_schema())
    AND (c.relname = :name OR c.relname LIKE :name || '\_ccnew%')
ORDER BY c.relname
{{/if}}
