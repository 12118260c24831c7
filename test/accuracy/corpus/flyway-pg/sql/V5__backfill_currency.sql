UPDATE invoices
   SET currency = 'EUR'
 WHERE currency IS NULL;

ALTER TABLE invoices ALTER COLUMN currency SET DEFAULT 'EUR';
