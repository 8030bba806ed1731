-- PostgreSQL only: an empty schema that lives only as long as the surrounding transaction, which is always
-- rolled back. Used to render the schema the migrations describe, for `relayburn schema diff`.
{{#if postgres}}
CREATE SCHEMA relayburn_scratch;
SET LOCAL search_path TO relayburn_scratch;
{{/if}}
