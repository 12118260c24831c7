DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM legacy_tokens LIMIT 1) THEN
        RAISE EXCEPTION 'legacy_tokens still has rows; migrate them before V16';
    END IF;
END
$$;

DROP TABLE legacy_tokens;
