-- Run on every PostgreSQL connection. client_connection_check_interval makes the server notice a killed client
-- within milliseconds and free its locks, instead of when its current statement ends.
-- Only SET name = value; lines with plain values: PostgresSessionSetup sends them as the connection's startup
-- options (-c name=value), so they cost no round trip, and runs this script only when it cannot.
{{#if postgres}}
SET client_connection_check_interval = 250;
SET client_min_messages = warning;
{{/if}}
