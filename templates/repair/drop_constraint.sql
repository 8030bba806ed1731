-- schema diff --sql --unsafe: a foreign key or CHECK no migration creates.
ALTER TABLE :table DROP CONSTRAINT :name;
