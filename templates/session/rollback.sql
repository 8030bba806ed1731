-- Ends the current transaction, discarding its work.
ROLLBACK
