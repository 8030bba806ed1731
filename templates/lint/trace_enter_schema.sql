-- migrate lint --trace: the committed scratch schema the earlier migrations are replayed into (a lock taken in the
-- transaction that created a table would hide the one the traced statement takes), made this session's search path.
-- trace_leave_schema.sql drops it and puts the session's search path back. PostgreSQL only.
CREATE SCHEMA :schema;
SET search_path TO :schema;
