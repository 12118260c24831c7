-- DROP TABLE help_texts_old;  (kept until the help center migration is done)
INSERT INTO help_texts (slug, body) VALUES
    ('delete-account', 'To close your account, write to support. We never DELETE FROM your data without notice.'),
    ('truncate-export', 'TRUNCATE TABLE is not something you need to run yourself.')
ON CONFLICT (slug) DO UPDATE SET body = EXCLUDED.body;
