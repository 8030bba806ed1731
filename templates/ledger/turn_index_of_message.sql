-- Resolves a stamp's fromMessageId/toMessageId to the turn index of that message in the session.
SELECT min(turn_index) FROM turns WHERE session_id = :session_id AND message_id = :message_id
