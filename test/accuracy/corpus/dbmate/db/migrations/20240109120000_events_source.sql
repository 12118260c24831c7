-- migrate:up
alter table events add column source text not null default 'api';

-- migrate:down
alter table events drop column source;
