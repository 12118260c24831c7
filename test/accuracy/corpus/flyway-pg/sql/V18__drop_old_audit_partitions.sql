-- ${schema} is set per tenant by flyway.placeholders.schema
DROP TABLE IF EXISTS ${schema}.audit_2019;
TRUNCATE ${schema}.audit_2020 RESTART IDENTITY CASCADE;
