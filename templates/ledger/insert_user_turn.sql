INSERT INTO user_turns (id, source, session_id, user_uuid, ts, record_json)
VALUES (:id, :source, :session_id, :user_uuid, :ts, :record_json)
ON CONFLICT (id) DO NOTHING
