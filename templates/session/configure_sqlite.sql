-- Run on every SQLite connection: WAL lets readers work while a writer commits; NORMAL sync is durable across
-- process crashes in WAL mode, which is the failure relayburn must survive.
{{#if sqlite}}
PRAGMA journal_mode = WAL;
PRAGMA synchronous = NORMAL;
{{/if}}
