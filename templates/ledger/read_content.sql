-- One session's content in (ts, id) order, optionally one message's.
SELECT record_json FROM content
WHERE session_id = :session_id AND (CAST(:message_id AS TEXT) IS NULL OR message_id = :message_id)
ORDER BY ts, id
