-- migrate:up
alter table events alter column kind type varchar(50);

-- migrate:down
alter table events alter column kind type text;
