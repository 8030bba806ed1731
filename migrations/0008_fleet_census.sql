-- relayburn: compat=additive
-- The fleet census: each host records, at most once an hour, which relayburn it runs and the newest migration it
-- knows. A migration that would cut off a host seen recently (raise a compatibility floor above what it knows) is
-- refused unless the operator contracts the fleet on purpose (`relayburn migrate --contract`).
CREATE TABLE relayburn_hosts (
    host TEXT NOT NULL,
    relayburn_version TEXT NOT NULL,
    known_version INTEGER NOT NULL,
    seen_at TEXT NOT NULL,
    PRIMARY KEY (host, relayburn_version)
) {{STRICT}};
