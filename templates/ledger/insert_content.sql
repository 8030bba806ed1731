-- Content ids are unique per session.
INSERT INTO content (session_id, id, source, message_id, ts, role, kind, byte_len, written_at, record_json)
VALUES (:session_id, :id, :source, :message_id, :ts, :role, :kind, :byte_len, :written_at, :record_json)
ON CONFLICT (session_id, id) DO NOTHING
