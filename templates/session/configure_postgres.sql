-- Run on every PostgreSQL connection. client_connection_check_interval makes the server notice a killed client
-- within milliseconds and free its locks, instead of when its current statement ends.
{{#if postgres}}
SET client_connection_check_interval = 250;
SET client_min_messages = warning;
{{/if}}
