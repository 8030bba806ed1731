-- relayburn: compat=additive
-- API keys the collector server accepts besides RELAYBURN_API_KEYS, so every replica on one database sees the same
-- keys and a revocation needs no restart. Only the SHA-256 of a key is stored, never the key; the prefix lets an
-- operator tell keys apart in `relayburn keys list`. Scopes are a +-joined list (read, write, admin).
CREATE TABLE api_keys (
    name TEXT NOT NULL PRIMARY KEY,
    prefix TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    scopes TEXT NOT NULL,
    created_at TEXT NOT NULL,
    revoked_at TEXT
) {{STRICT}};

-- A named index rather than an inline UNIQUE, so both dialects name it alike (the parity check compares names).
CREATE UNIQUE INDEX api_keys_sha256 ON api_keys (sha256);

-- The fencing counter of each lease name: incremented by the holder of the name's lock on every grant, so a
-- counter a client presents tells its grant from every earlier one, whichever replica granted it.
CREATE TABLE lock_fences (
    name TEXT NOT NULL PRIMARY KEY,
    fence {{BIGINT}} NOT NULL
) {{STRICT}};
