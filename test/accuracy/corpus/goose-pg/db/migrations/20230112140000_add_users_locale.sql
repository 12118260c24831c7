-- +goose Up
ALTER TABLE users ADD COLUMN locale TEXT NOT NULL DEFAULT 'en';

-- +goose Down
ALTER TABLE users DROP COLUMN locale;
