CREATE TYPE invoice_state AS ENUM ('draft', 'sent', 'paid');

CREATE TABLE invoices (
    id          BIGSERIAL PRIMARY KEY,
    account_id  BIGINT        NOT NULL,
    amount      NUMERIC(12,2) NOT NULL,
    currency    CHAR(3),
    state       invoice_state NOT NULL DEFAULT 'draft',
    issued_on   DATE
);

COMMENT ON TABLE invoices IS 'Customer invoices; amounts in the invoice currency.';
