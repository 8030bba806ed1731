-- PostgreSQL only: sets one of read_session_settings.sql's settings for the session (not just a transaction).
{{#if postgres}}
SELECT set_config(:name, :value, false)
{{/if}}
