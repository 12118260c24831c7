ALTER TABLE invoices
    ADD CONSTRAINT fk_invoices_account
    FOREIGN KEY (account_id) REFERENCES accounts (id);
