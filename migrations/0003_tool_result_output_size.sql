-- How large a tool's output was and whether the harness truncated it. Older records never carried this, so
-- existing rows stay NULL ("unknown") rather than being guessed.
ALTER TABLE tool_result_events ADD COLUMN output_bytes {{BIGINT}};

ALTER TABLE tool_result_events ADD COLUMN output_truncated {{BOOL}};
