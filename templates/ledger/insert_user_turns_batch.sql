-- PostgreSQL only: a whole batch of user_turns rows in one round trip (one array parameter per column), first writer
-- wins; returns the ids of the rows that were new.
{{#if postgres}}
INSERT INTO user_turns (id, source, session_id, user_uuid, ts, record_json)
SELECT * FROM unnest(CAST(:id AS TEXT[]), CAST(:source AS TEXT[]), CAST(:session_id AS TEXT[]), CAST(:user_uuid AS TEXT[]), CAST(:ts AS TEXT[]), CAST(:record_json AS TEXT[]))
ON CONFLICT (id) DO NOTHING
RETURNING id
{{/if}}
