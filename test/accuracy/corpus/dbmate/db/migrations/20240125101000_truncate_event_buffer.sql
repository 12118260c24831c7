-- migrate:up
truncate table event_buffer;

-- migrate:down
