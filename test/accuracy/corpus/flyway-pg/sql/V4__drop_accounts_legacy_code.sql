-- legacy_code was replaced by code in V1 and has not been written since 2021.
ALTER TABLE accounts DROP COLUMN legacy_code;
