-- relayburn: compat=additive
-- When each lease name's latest grant runs out, written by the server that granted it (on grant and on every
-- renew, removed on release). The store's own lock dies with a killed server's session, but its client keeps
-- working until the lease's expiry; a server granting the name again first waits for this time, so the two never
-- overlap. A row counts only while its fence is the name's latest in lock_fences: a grant by an older server,
-- which writes no row here, makes the row stale rather than blocking the name.
CREATE TABLE lock_leases (
    name TEXT NOT NULL PRIMARY KEY,
    fence {{BIGINT}} NOT NULL,
    held_until_ms {{BIGINT}} NOT NULL
) {{STRICT}};
