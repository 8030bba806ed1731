INSERT INTO compactions (id, source, session_id, ts, record_json)
VALUES (:id, :source, :session_id, :ts, :record_json)
ON CONFLICT (id) DO NOTHING
