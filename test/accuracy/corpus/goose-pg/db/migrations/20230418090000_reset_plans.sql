-- +goose Up
-- Everybody moves to the free plan when billing v2 launches.
UPDATE accounts SET plan = 'free';

-- +goose Down
SELECT 1;
