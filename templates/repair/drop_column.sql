-- schema diff --sql --unsafe: a column no migration creates.
ALTER TABLE :table DROP COLUMN :name;
