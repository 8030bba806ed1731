-- A renew moves the grant's expiry; it matches nothing once the grant is released, so a renew racing a release
-- cannot bring the row back.
UPDATE lock_leases SET held_until_ms = :held_until_ms WHERE name = :name AND fence = :fence
