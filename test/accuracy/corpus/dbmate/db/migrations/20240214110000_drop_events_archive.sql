-- migrate:up
drop table if exists events_archive;

-- migrate:down
create table events_archive (
  id bigint primary key,
  kind text not null,
  payload jsonb not null,
  occurred_at timestamptz not null
);
