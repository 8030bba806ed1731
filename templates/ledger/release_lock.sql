-- Only the owner releases; a lock taken over after expiry is not released by its former holder.
DELETE FROM locks WHERE name = :name AND owner = :owner
