-- Takes the named lock when it is free, expired, or already ours (renewal); returns the owner afterwards, so the
-- caller holds the lock exactly when the returned owner is its token.
INSERT INTO locks (name, owner, expires_at_ms, acquired_at)
VALUES (:name, :owner, :expires_at_ms, :acquired_at)
ON CONFLICT (name) DO UPDATE SET
    owner = excluded.owner, expires_at_ms = excluded.expires_at_ms, acquired_at = excluded.acquired_at
WHERE locks.expires_at_ms < :now_ms OR locks.owner = excluded.owner
RETURNING owner
