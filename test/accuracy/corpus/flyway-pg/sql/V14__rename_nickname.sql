ALTER TABLE accounts RENAME COLUMN nickname TO display_name;
