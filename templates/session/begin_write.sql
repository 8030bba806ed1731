-- Starts a write transaction. SQLite takes the write lock now (waiting up to the busy timeout) instead of at the
-- first write, so a read-then-write never fails with SQLITE_BUSY halfway through.
{{#if sqlite}}
BEGIN IMMEDIATE
{{#else}}
BEGIN
{{/if}}
