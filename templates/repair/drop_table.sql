-- schema diff --sql --unsafe: a table no migration creates.
DROP TABLE IF EXISTS :name;
