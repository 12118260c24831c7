-- migrate:up
delete from events where source = 'load-test';

-- migrate:down
