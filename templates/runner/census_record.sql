-- One host's entry, refreshed (the caller writes at most once an hour).
INSERT INTO relayburn_hosts (host, relayburn_version, known_version, seen_at)
VALUES (:host, :relayburn_version, :known_version, :seen_at)
ON CONFLICT (host, relayburn_version) DO UPDATE SET known_version = excluded.known_version, seen_at = excluded.seen_at
