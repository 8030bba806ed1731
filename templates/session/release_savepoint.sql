-- Keeps the batch started by savepoint.sql.
RELEASE SAVEPOINT relayburn_batch
