ALTER TABLE `users` CHANGE COLUMN `name` `full_name` varchar(200) NOT NULL;
