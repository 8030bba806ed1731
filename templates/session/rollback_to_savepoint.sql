-- Undoes the batch started by savepoint.sql (the savepoint is released afterwards).
ROLLBACK TO SAVEPOINT relayburn_batch
