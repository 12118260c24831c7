DROP TABLE IF EXISTS invoice_drafts;
