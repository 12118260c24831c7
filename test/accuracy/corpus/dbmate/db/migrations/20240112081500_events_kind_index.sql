-- migrate:up transaction:false
create index concurrently events_kind_idx on events (kind);

-- migrate:down
drop index concurrently events_kind_idx;
