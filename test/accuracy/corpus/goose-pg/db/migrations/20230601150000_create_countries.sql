-- +goose Up
CREATE TABLE countries (
    code CHAR(2) PRIMARY KEY,
    name TEXT NOT NULL
);
INSERT INTO countries (code, name) VALUES
    ('DE', 'Germany'),
    ('FR', 'France'),
    ('NL', 'Netherlands');

-- +goose Down
DROP TABLE countries;
