-- Every relationships record in query.sql's order and with its columns, for a stream with no filter and no cursor (the
-- whole table, as `relayburn query` without options and `copy` read it). query.sql's filters and resume key are
-- evaluated on every row even when every filter is unbound; this is the same scan without them. Later keyset pages
-- (PostgreSQL without a spare session) resume with query.sql.
SELECT r.record_json AS record_json, coalesce(r.ts, '') AS ts, r.id AS id
FROM relationships AS r
ORDER BY coalesce(r.ts, ''), r.id
{{#if postgres}}
LIMIT :page_size
{{/if}}
