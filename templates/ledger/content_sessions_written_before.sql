-- Sessions whose newest content row was written at or before :cutoff (a UTC timestamp), with the bytes they hold.
SELECT session_id, sum(byte_len) FROM content
GROUP BY session_id
HAVING max(written_at) <= :cutoff
ORDER BY session_id
