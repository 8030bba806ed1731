-- PostgreSQL only: gives back the session-level migration lock.
{{#if postgres}}
SELECT pg_advisory_unlock(:lock_key)
{{/if}}
