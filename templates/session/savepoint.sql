-- Marks the start of one append batch inside a longer transaction, so the batch can be undone alone.
SAVEPOINT relayburn_batch
