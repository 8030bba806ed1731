INSERT INTO tool_result_events (id, source, session_id, message_id, tool_use_id, event_index, status, event_source,
    ts, output_bytes, output_truncated, record_json)
VALUES (:id, :source, :session_id, :message_id, :tool_use_id, :event_index, :status, :event_source, :ts,
    :output_bytes, :output_truncated, :record_json)
ON CONFLICT (id) DO NOTHING
