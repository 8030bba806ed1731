-- Full-text search over content text (records.md section 7). Each dialect has its own index, declared as
-- dialect-only in templates/dialects/, so the parity check knows to expect it on one side only.
{{#if sqlite}}
CREATE VIRTUAL TABLE content_fts USING fts5(text, tokenize = 'unicode61');

CREATE TRIGGER content_fts_insert AFTER INSERT ON content BEGIN
    INSERT INTO content_fts (rowid, text) VALUES (new.seq, {{content_search_text(new.record_json)}});
END;

CREATE TRIGGER content_fts_delete AFTER DELETE ON content BEGIN
    DELETE FROM content_fts WHERE rowid = old.seq;
END;

INSERT INTO content_fts (rowid, text) SELECT seq, {{content_search_text(record_json)}} FROM content;
{{#else}}
CREATE INDEX content_text_search ON content USING GIN (to_tsvector('simple', {{content_search_text(record_json)}}));
{{/if}}
