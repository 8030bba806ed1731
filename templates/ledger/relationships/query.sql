-- relationships matching the filters of docs/records.md section 5 in (ts, id) order, records without ts first (an absent
-- ts sorts as ''). Resumes after (:after_ts, :after_id) for paging. An absent ts defeats the (ts, id) index, so
-- each page scans; these tables are small next to turns.
-- A session filter matches either end of the edge.
SELECT r.record_json AS record_json, coalesce(r.ts, '') AS ts, r.id AS id
FROM relationships AS r
WHERE {{undated_time_filters(r)}}
  AND (CAST(:session_id AS TEXT) IS NULL OR (r.session_id = :session_id OR r.related_session_id = :session_id))
  AND {{source_filter(r)}}
  AND (coalesce(r.ts, ''), r.id) > (:after_ts, :after_id)
ORDER BY coalesce(r.ts, ''), r.id
-- SQLite streams this as one statement stepped page by page (a LIMIT would make its sorter keep a bounded
-- top-N, twice the work of a plain sort); PostgreSQL runs it once in single-row mode, or as keyset pages of
-- :page_size rows when no session is spare.
{{#if postgres}}
LIMIT :page_size
{{/if}}
