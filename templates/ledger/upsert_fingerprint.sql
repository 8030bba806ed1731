-- Keeps the canonical (smallest) id of each fingerprint, so reads collapse twins with one lookup and the result
-- depends only on the set of turns stored, never on arrival order (records.md section 4).
INSERT INTO turn_fingerprints (fingerprint, canonical_id)
VALUES (:fingerprint, :id)
ON CONFLICT (fingerprint) DO UPDATE SET canonical_id = {{least(turn_fingerprints.canonical_id, excluded.canonical_id)}}
