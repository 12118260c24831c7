-- +goose Up
DROP TABLE feature_flags_old;

-- +goose Down
