--
-- PostgreSQL database dump fragment, edited
--

SET statement_timeout = 0;
SET lock_timeout = '5s';
SELECT pg_catalog.set_config('search_path', '', false);

ALTER TABLE ONLY public.accounts DROP COLUMN IF EXISTS display_name CASCADE;

ALTER TABLE ONLY public.accounts
    ADD CONSTRAINT accounts_code_key UNIQUE (code);
