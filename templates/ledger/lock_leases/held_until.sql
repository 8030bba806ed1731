-- The expiry (Unix ms) of the name's latest grant, when that grant was made by a server that records expiries and
-- has not been released. Read by the holder of the name's lock before it takes the next fence.
SELECT l.held_until_ms
FROM lock_leases l
JOIN lock_fences f ON f.name = l.name AND f.fence = l.fence
WHERE l.name = :name
