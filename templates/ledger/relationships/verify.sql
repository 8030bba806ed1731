-- Every relationships row with all its columns, for `relayburn verify` to re-derive from record_json: pages of
-- :page_size rows in id order, resuming after :after_id (the primary key, so each page is one index range).
SELECT *
FROM relationships
WHERE id > :after_id
ORDER BY id
LIMIT :page_size
