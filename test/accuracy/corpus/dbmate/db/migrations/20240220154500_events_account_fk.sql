-- migrate:up
alter table events add column account_id bigint;
alter table events add constraint events_account_fk foreign key (account_id) references accounts (id) not valid;
alter table events validate constraint events_account_fk;

-- migrate:down
alter table events drop constraint events_account_fk;
alter table events drop column account_id;
