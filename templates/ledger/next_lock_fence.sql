-- Called by the holder of the name's lock, so no two callers race on one name.
INSERT INTO lock_fences (name, fence) VALUES (:name, 1)
ON CONFLICT (name) DO UPDATE SET fence = lock_fences.fence + 1
