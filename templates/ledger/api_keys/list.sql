-- Every key, revoked ones too, for `keys list` and the server's key cache; ordered so the listing is stable.
SELECT name, prefix, sha256, scopes, created_at, revoked_at FROM api_keys ORDER BY created_at, name
