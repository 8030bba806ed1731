-- Run on the SQLite connection that streamed queries read on. A stream reads each page once, in index order,
-- so a 2 MiB page cache (SQLite's default) is all it needs; the main connection's 64 MiB would only grow the
-- process by what it has read. query_only keeps this connection from ever writing.
{{#if sqlite}}
PRAGMA cache_size = -2048;
PRAGMA query_only = 1;
{{/if}}
