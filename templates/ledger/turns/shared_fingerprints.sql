-- Every fingerprint that several turns share, with its canonical turn: the smallest id (docs/records.md section
-- 4). One ordered pass over the covering turns_fingerprint index, so an unfiltered stream can collapse twins
-- in memory (they are a few percent of turns) instead of probing the index once for every row it returns.
SELECT t.fingerprint AS fingerprint, min(t.id) AS canonical_id
FROM turns AS t
GROUP BY t.fingerprint
HAVING count(*) > 1
