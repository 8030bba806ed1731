-- The subagent invocation a turn belongs to (record.subagent.agentId), so per-subagent totals run in SQL.
-- Backfilled from the stored records.
ALTER TABLE turns ADD COLUMN subagent_id TEXT;

UPDATE turns SET subagent_id = {{json_path_text(record_json, 'subagent', 'agentId')}};

CREATE INDEX turns_subagent ON turns (subagent_id);
