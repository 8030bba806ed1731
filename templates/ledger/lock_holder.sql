SELECT owner, expires_at_ms, acquired_at FROM locks WHERE name = :name
