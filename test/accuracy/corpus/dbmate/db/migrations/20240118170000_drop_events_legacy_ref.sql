-- migrate:up
alter table events drop column legacy_ref;

-- migrate:down
alter table events add column legacy_ref text;
