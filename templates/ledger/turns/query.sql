-- Turns matching the filters of docs/records.md section 5, in (ts, session_id, turn_index, id) order; fingerprint
-- twins collapse to the canonical turn unless :include_twins is 1. Resumes after the row (:after_*) for paging;
-- the first page passes a key below every row ('', '', minimum, ''), so the comparison is always an index seek
-- on turns_order rather than a scan from the start for every page.
SELECT t.record_json AS record_json, t.ts AS ts, t.session_id AS session_id, t.turn_index AS turn_index,
    t.id AS id, t.message_id AS message_id, t.fingerprint AS fingerprint
FROM turns AS t
WHERE {{turn_filters(t)}}
  AND (CAST(:include_twins AS {{BIGINT}}) = 1
       OR NOT EXISTS (SELECT 1 FROM turns AS twin WHERE twin.fingerprint = t.fingerprint AND twin.id < t.id))
  AND (t.ts, t.session_id, t.turn_index, t.id) > (:after_ts, :after_session_id, CAST(:after_turn_index AS {{BIGINT}}), :after_id)
ORDER BY t.ts, t.session_id, t.turn_index, t.id
-- SQLite streams this as one statement stepped page by page (a LIMIT would make its sorter keep a bounded
-- top-N, twice the work of a plain sort); PostgreSQL runs it once in single-row mode, or as keyset pages of
-- :page_size rows when no session is spare.
{{#if postgres}}
LIMIT :page_size
{{/if}}
