-- +goose Up
ALTER TABLE users DROP COLUMN middle_name;

-- +goose Down
ALTER TABLE users ADD COLUMN middle_name TEXT;
