-- migrate lint --trace: drops the scratch schema of trace_enter_schema.sql with everything the replay created.
DROP SCHEMA IF EXISTS :schema CASCADE;
