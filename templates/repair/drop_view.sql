-- schema diff --sql --unsafe: a view no migration creates.
DROP VIEW IF EXISTS :name;
