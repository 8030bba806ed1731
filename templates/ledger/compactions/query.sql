-- compactions matching the filters of docs/records.md section 5 in (ts, id) order (ts is never NULL here). Resumes after
-- (:after_ts, :after_id) for paging; the first page passes ('', ''), so every page is an index seek.
SELECT r.record_json AS record_json, r.ts AS ts, r.id AS id
FROM compactions AS r
WHERE {{record_filters(r)}}
  AND (r.ts, r.id) > (:after_ts, :after_id)
ORDER BY r.ts, r.id
-- SQLite streams this as one statement stepped page by page (a LIMIT would make its sorter keep a bounded
-- top-N, twice the work of a plain sort); PostgreSQL runs it once in single-row mode, or as keyset pages of
-- :page_size rows when no session is spare.
{{#if postgres}}
LIMIT :page_size
{{/if}}
