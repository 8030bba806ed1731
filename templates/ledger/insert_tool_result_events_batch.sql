-- PostgreSQL only: a whole batch of tool_result_events rows in one round trip (one array parameter per column), first writer
-- wins; returns the ids of the rows that were new.
{{#if postgres}}
INSERT INTO tool_result_events (id, source, session_id, message_id, tool_use_id, event_index, status, event_source, ts, output_bytes, output_truncated, record_json)
SELECT * FROM unnest(CAST(:id AS TEXT[]), CAST(:source AS TEXT[]), CAST(:session_id AS TEXT[]), CAST(:message_id AS TEXT[]), CAST(:tool_use_id AS TEXT[]), CAST(:event_index AS BIGINT[]), CAST(:status AS TEXT[]), CAST(:event_source AS TEXT[]), CAST(:ts AS TEXT[]), CAST(:output_bytes AS BIGINT[]), CAST(:output_truncated AS BOOLEAN[]), CAST(:record_json AS TEXT[]))
ON CONFLICT (id) DO NOTHING
RETURNING id
{{/if}}
