CREATE TABLE payments (
    id          BIGSERIAL PRIMARY KEY,
    invoice_id  BIGINT        NOT NULL,
    amount      NUMERIC(14,2) NOT NULL,
    paid_at     TIMESTAMPTZ   NOT NULL DEFAULT now()
);

ALTER TABLE payments
    ADD CONSTRAINT fk_payments_invoice FOREIGN KEY (invoice_id) REFERENCES invoices (id) NOT VALID;
ALTER TABLE payments VALIDATE CONSTRAINT fk_payments_invoice;
