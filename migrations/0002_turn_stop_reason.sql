-- The harness's stop reason (end_turn, tool_use, max_tokens, ...) as a typed column, backfilled from the records
-- already stored.
ALTER TABLE turns ADD COLUMN stop_reason TEXT;

UPDATE turns SET stop_reason = {{json_text(record_json, 'stopReason')}};
