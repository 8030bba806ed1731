-- relayburn's ledger: one table per record kind of docs/records.md section 2, keyed by the content-addressed
-- ids of section 3, plus named locks (section 8).
-- record_json keeps each record's wire shape verbatim, so a record read back is the record written; the typed
-- columns beside it exist to filter, order and aggregate in SQL identically on both dialects.

CREATE TABLE turns (
    id TEXT NOT NULL PRIMARY KEY,
    fingerprint TEXT NOT NULL,
    source TEXT NOT NULL,
    session_id TEXT NOT NULL,
    message_id TEXT NOT NULL,
    turn_index {{BIGINT}} NOT NULL,
    ts TEXT NOT NULL,
    model TEXT NOT NULL,
    project TEXT,
    project_key TEXT,
    input_tokens {{BIGINT}} NOT NULL,
    output_tokens {{BIGINT}} NOT NULL,
    reasoning_tokens {{BIGINT}} NOT NULL,
    cache_read_tokens {{BIGINT}} NOT NULL,
    cache_create_5m_tokens {{BIGINT}} NOT NULL,
    cache_create_1h_tokens {{BIGINT}} NOT NULL,
    record_json TEXT NOT NULL
) {{STRICT}};

-- The query order of records.md section 5, and the filters it allows.
CREATE INDEX turns_order ON turns (ts, session_id, turn_index, id);
CREATE INDEX turns_session ON turns (session_id, turn_index);
CREATE INDEX turns_project ON turns (project);
CREATE INDEX turns_project_key ON turns (project_key);
-- Among turns sharing a fingerprint the smallest id is canonical (section 4): a turn is canonical when this
-- index holds no smaller id for its fingerprint, one seek per row read. A separate fingerprint -> canonical id
-- table would cost a second random-key B-tree write on every insert, the dominant cost of an import.
CREATE INDEX turns_fingerprint ON turns (fingerprint, id);

-- Content ids are unique per session (records.md section 7). seq gives the full-text index a stable row key.
CREATE TABLE content (
    seq {{AUTO_PK}},
    session_id TEXT NOT NULL,
    id TEXT NOT NULL,
    source TEXT NOT NULL,
    message_id TEXT NOT NULL,
    ts TEXT NOT NULL,
    role TEXT NOT NULL,
    kind TEXT NOT NULL,
    byte_len {{BIGINT}} NOT NULL,
    written_at TEXT NOT NULL,
    record_json TEXT NOT NULL
) {{STRICT}};

CREATE UNIQUE INDEX content_identity ON content (session_id, id);
CREATE INDEX content_order ON content (ts, id);
CREATE INDEX content_session_order ON content (session_id, ts, id);
CREATE INDEX content_message ON content (session_id, message_id);

CREATE TABLE compactions (
    id TEXT NOT NULL PRIMARY KEY,
    source TEXT NOT NULL,
    session_id TEXT NOT NULL,
    ts TEXT NOT NULL,
    record_json TEXT NOT NULL
) {{STRICT}};

CREATE INDEX compactions_order ON compactions (ts, id);
CREATE INDEX compactions_session ON compactions (session_id);

CREATE TABLE relationships (
    id TEXT NOT NULL PRIMARY KEY,
    source TEXT NOT NULL,
    session_id TEXT NOT NULL,
    related_session_id TEXT,
    relationship_type TEXT NOT NULL,
    agent_id TEXT,
    ts TEXT,
    record_json TEXT NOT NULL
) {{STRICT}};

-- A session filter matches either end of the edge.
CREATE INDEX relationships_order ON relationships (ts, id);
CREATE INDEX relationships_session ON relationships (session_id);
CREATE INDEX relationships_related_session ON relationships (related_session_id);

CREATE TABLE tool_result_events (
    id TEXT NOT NULL PRIMARY KEY,
    source TEXT NOT NULL,
    session_id TEXT NOT NULL,
    message_id TEXT,
    tool_use_id TEXT NOT NULL,
    event_index {{BIGINT}} NOT NULL,
    status TEXT NOT NULL,
    event_source TEXT NOT NULL,
    ts TEXT,
    record_json TEXT NOT NULL
) {{STRICT}};

CREATE INDEX tool_result_events_order ON tool_result_events (ts, id);
CREATE INDEX tool_result_events_session ON tool_result_events (session_id, event_index);

CREATE TABLE user_turns (
    id TEXT NOT NULL PRIMARY KEY,
    source TEXT NOT NULL,
    session_id TEXT NOT NULL,
    user_uuid TEXT NOT NULL,
    ts TEXT NOT NULL,
    record_json TEXT NOT NULL
) {{STRICT}};

CREATE INDEX user_turns_order ON user_turns (ts, id);
CREATE INDEX user_turns_session ON user_turns (session_id);

-- Stamps fold in (ts, append order); seq is the append order, id the content-addressed identity.
CREATE TABLE stamps (
    seq {{AUTO_PK}},
    id TEXT NOT NULL,
    ts TEXT NOT NULL,
    session_id TEXT,
    message_id TEXT,
    record_json TEXT NOT NULL
) {{STRICT}};

CREATE UNIQUE INDEX stamps_identity ON stamps (id);
CREATE INDEX stamps_session ON stamps (session_id, ts, seq);

-- SQLite's named locks (records.md section 8): an owner token and an expiry, taken with a conditional upsert.
CREATE TABLE locks (
    name TEXT NOT NULL PRIMARY KEY,
    owner TEXT NOT NULL,
    expires_at_ms {{BIGINT}} NOT NULL,
    acquired_at TEXT NOT NULL
) {{STRICT}};
