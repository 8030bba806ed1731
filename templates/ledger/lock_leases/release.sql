-- A released grant leaves no expiry to wait for; a later grant's row (another fence) stays.
DELETE FROM lock_leases WHERE name = :name AND fence = :fence
