-- Run on every SQLite connection: WAL lets readers work while a writer commits; NORMAL sync is durable across
-- process crashes in WAL mode, which is the failure relayburn must survive. A 64 MiB page cache keeps the
-- random-key indexes of a large import in memory (the default 2 MiB halves insert throughput). foreign_keys makes
-- a foreign key mean on SQLite what it means on PostgreSQL (SQLite ignores them unless asked).
{{#if sqlite}}
PRAGMA journal_mode = WAL;
PRAGMA synchronous = NORMAL;
PRAGMA cache_size = -65536;
PRAGMA foreign_keys = ON;
{{/if}}
