-- Stamps in append order (seq), narrowed by time and by the session their selector names. Resumes after
-- :after_seq for paging; the first page passes the smallest integer.
SELECT r.record_json AS record_json, r.seq AS seq, r.id AS id
FROM stamps AS r
WHERE {{time_filters(r)}}
  AND (CAST(:session_id AS TEXT) IS NULL OR r.session_id = :session_id)
  AND r.seq > CAST(:after_seq AS {{BIGINT}})
ORDER BY r.seq
LIMIT :page_size
