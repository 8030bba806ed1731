-- Whether schema_versions has the sql_checksum column: 0 in a table created before it existed, else 1.
{{#if postgres}}
SELECT count(*) FROM information_schema.columns
WHERE table_schema = current_schema() AND table_name = 'schema_versions' AND column_name = 'sql_checksum'
{{#else}}
SELECT count(*) FROM pragma_table_info('schema_versions') WHERE name = 'sql_checksum'
{{/if}}
