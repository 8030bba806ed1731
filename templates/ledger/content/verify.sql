-- Every content row with all its columns, for `relayburn verify` to re-derive from record_json: pages of
-- :page_size rows in append (seq) order, resuming after :after_seq (the row key, so each page is one index range).
SELECT *
FROM content
WHERE seq > :after_seq
ORDER BY seq
LIMIT :page_size
