INSERT INTO relationships (id, source, session_id, related_session_id, relationship_type, agent_id, ts, record_json)
VALUES (:id, :source, :session_id, :related_session_id, :relationship_type, :agent_id, :ts, :record_json)
ON CONFLICT (id) DO NOTHING
