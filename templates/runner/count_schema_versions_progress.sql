-- How many of the progress columns schema_versions has: 0 in a table created before they existed, else 4.
{{#if postgres}}
SELECT count(*) FROM information_schema.columns
WHERE table_schema = current_schema() AND table_name = 'schema_versions'
    AND column_name IN ('state', 'kind', 'relayburn_version', 'backfill_after')
{{#else}}
SELECT count(*) FROM pragma_table_info('schema_versions')
WHERE name IN ('state', 'kind', 'relayburn_version', 'backfill_after')
{{/if}}
