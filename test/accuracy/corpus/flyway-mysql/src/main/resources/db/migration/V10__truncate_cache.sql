TRUNCATE TABLE `cache_entries`;
