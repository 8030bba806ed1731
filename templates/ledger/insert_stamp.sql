-- seq (assigned by the database) is the append order that breaks ties between stamps with the same ts.
INSERT INTO stamps (id, ts, session_id, message_id, record_json)
VALUES (:id, :ts, :session_id, :message_id, :record_json)
ON CONFLICT (id) DO NOTHING
