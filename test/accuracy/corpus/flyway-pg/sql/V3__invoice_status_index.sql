ALTER TABLE invoices ADD COLUMN status TEXT NOT NULL DEFAULT 'open';

CREATE INDEX idx_invoices_status ON invoices (status);
