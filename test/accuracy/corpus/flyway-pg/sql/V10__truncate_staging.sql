-- staging_events is refilled by the nightly import.
TRUNCATE staging_events;
