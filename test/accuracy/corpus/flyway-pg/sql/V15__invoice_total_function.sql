CREATE OR REPLACE FUNCTION invoice_total(p_account BIGINT)
RETURNS NUMERIC
LANGUAGE plpgsql
STABLE
AS $$
DECLARE
    total NUMERIC;
BEGIN
    SELECT coalesce(sum(amount), 0) INTO total FROM invoices WHERE account_id = p_account;
    -- Housekeeping happens in purge_invoices(), never here.
    RETURN total;
END;
$$;

CREATE OR REPLACE FUNCTION purge_invoices(p_before DATE)
RETURNS void
LANGUAGE sql
AS $$
    DELETE FROM invoices WHERE issued_on < p_before;
$$;
