ALTER TABLE `users` MODIFY `email` varchar(255) NOT NULL COMMENT 'login, unique';
