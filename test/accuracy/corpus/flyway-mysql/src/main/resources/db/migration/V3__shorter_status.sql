ALTER TABLE `orders` MODIFY COLUMN `status` varchar(16) NOT NULL DEFAULT 'new';
