-- Stamps in append order (seq), narrowed by time and by the session their selector names. Resumes after
-- :after_seq for paging; the first page passes the smallest integer.
SELECT r.record_json AS record_json, r.seq AS seq, r.id AS id
FROM stamps AS r
WHERE {{time_filters(r)}}
  AND (CAST(:session_id AS TEXT) IS NULL OR r.session_id = :session_id)
  AND r.seq > CAST(:after_seq AS {{BIGINT}})
ORDER BY r.seq
-- SQLite streams this as one statement stepped page by page (a LIMIT would make its sorter keep a bounded
-- top-N, twice the work of a plain sort); PostgreSQL runs it once in single-row mode, or as keyset pages of
-- :page_size rows when no session is spare.
{{#if postgres}}
LIMIT :page_size
{{/if}}
