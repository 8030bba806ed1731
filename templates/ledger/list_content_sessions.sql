SELECT DISTINCT session_id FROM content ORDER BY session_id
