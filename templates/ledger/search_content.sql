-- Content whose text matches every token of :search (docs/records.md section 7), through each dialect's full-text
-- index of migration 0006, with the usual filters, in (ts, id) order and paged like query_content.sql.
-- :search is a list of double-quoted tokens built by the caller, so user input is never FTS5 syntax.
SELECT c.record_json AS record_json, c.ts AS ts, c.id AS id
FROM content AS c
{{#if sqlite}}
JOIN content_fts AS f ON f.rowid = c.seq
WHERE content_fts MATCH :search
{{#else}}
WHERE to_tsvector('simple', {{content_search_text(c.record_json)}}) @@ plainto_tsquery('simple', :search)
{{/if}}
  AND {{record_filters(c)}}
  AND (c.ts, c.id) > (:after_ts, :after_id)
ORDER BY c.ts, c.id
-- SQLite streams this as one statement stepped page by page (a LIMIT would make its sorter keep a bounded
-- top-N, twice the work of a plain sort); PostgreSQL runs it once in single-row mode, or as keyset pages of
-- :page_size rows when no session is spare.
{{#if postgres}}
LIMIT :page_size
{{/if}}
