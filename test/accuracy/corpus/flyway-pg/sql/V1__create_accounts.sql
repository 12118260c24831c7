CREATE TABLE accounts (
    id            BIGSERIAL PRIMARY KEY,
    code          VARCHAR(32)  NOT NULL UNIQUE,
    legacy_code   VARCHAR(32),
    nickname      VARCHAR(80),
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE INDEX idx_accounts_created_at ON accounts (created_at);
