-- Ends the current transaction, keeping its work.
COMMIT
