-- PostgreSQL only: a whole batch of content rows in one round trip (one array parameter per column), first writer
-- wins; returns the ids of the rows that were new.
{{#if postgres}}
INSERT INTO content (session_id, id, source, message_id, ts, role, kind, byte_len, written_at, record_json)
SELECT * FROM unnest(CAST(:session_id AS TEXT[]), CAST(:id AS TEXT[]), CAST(:source AS TEXT[]), CAST(:message_id AS TEXT[]), CAST(:ts AS TEXT[]), CAST(:role AS TEXT[]), CAST(:kind AS TEXT[]), CAST(:byte_len AS BIGINT[]), CAST(:written_at AS TEXT[]), CAST(:record_json AS TEXT[]))
ON CONFLICT (session_id, id) DO NOTHING
RETURNING id
{{/if}}
