CREATE OR REPLACE VIEW open_invoices AS
SELECT i.id, i.account_id, i.amount, i.currency
  FROM invoices i
 WHERE i.status = 'open';
