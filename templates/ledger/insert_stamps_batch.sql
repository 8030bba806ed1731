-- PostgreSQL only: a whole batch of stamps rows in one round trip (one array parameter per column), first writer
-- wins; returns the ids of the rows that were new.
{{#if postgres}}
INSERT INTO stamps (id, ts, session_id, message_id, record_json)
SELECT * FROM unnest(CAST(:id AS TEXT[]), CAST(:ts AS TEXT[]), CAST(:session_id AS TEXT[]), CAST(:message_id AS TEXT[]), CAST(:record_json AS TEXT[]))
ON CONFLICT (id) DO NOTHING
RETURNING id
{{/if}}
