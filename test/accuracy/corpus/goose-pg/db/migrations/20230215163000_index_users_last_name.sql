-- +goose Up
CREATE INDEX CONCURRENTLY idx_users_last_name ON users (last_name);

-- +goose Down
DROP INDEX CONCURRENTLY idx_users_last_name;
