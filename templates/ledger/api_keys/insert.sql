INSERT INTO api_keys (name, prefix, sha256, scopes, created_at, revoked_at)
VALUES (:name, :prefix, :sha256, :scopes, :created_at, NULL)
