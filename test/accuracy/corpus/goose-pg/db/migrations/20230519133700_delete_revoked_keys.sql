-- +goose Up
DELETE FROM api_keys WHERE revoked_at IS NOT NULL AND revoked_at < now() - interval '30 days';

-- +goose Down
-- nothing to restore
