DELETE FROM content WHERE session_id = :session_id
