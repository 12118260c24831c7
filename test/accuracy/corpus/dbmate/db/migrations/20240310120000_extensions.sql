-- migrate:up
create extension if not exists pg_trgm;
create schema if not exists analytics;

-- migrate:down
drop schema if exists analytics;
drop extension if exists pg_trgm;
