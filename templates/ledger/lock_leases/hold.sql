-- Records a grant's expiry (at the grant and at every renew). Called while holding the name's lock, with the fence
-- next_lock_fence just gave out, so the row always belongs to the latest grant this server made.
INSERT INTO lock_leases (name, fence, held_until_ms) VALUES (:name, :fence, :held_until_ms)
ON CONFLICT (name) DO UPDATE SET fence = excluded.fence, held_until_ms = excluded.held_until_ms
