-- migrate:up
create table events (
  id bigserial primary key,
  kind text not null,
  payload jsonb not null default '{}'::jsonb,
  occurred_at timestamptz not null default now()
);

-- migrate:down
drop table events;
