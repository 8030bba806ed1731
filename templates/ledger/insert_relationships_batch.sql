-- PostgreSQL only: a whole batch of relationships rows in one round trip (one array parameter per column), first writer
-- wins; returns the ids of the rows that were new.
{{#if postgres}}
INSERT INTO relationships (id, source, session_id, related_session_id, relationship_type, agent_id, ts, record_json)
SELECT * FROM unnest(CAST(:id AS TEXT[]), CAST(:source AS TEXT[]), CAST(:session_id AS TEXT[]), CAST(:related_session_id AS TEXT[]), CAST(:relationship_type AS TEXT[]), CAST(:agent_id AS TEXT[]), CAST(:ts AS TEXT[]), CAST(:record_json AS TEXT[]))
ON CONFLICT (id) DO NOTHING
RETURNING id
{{/if}}
