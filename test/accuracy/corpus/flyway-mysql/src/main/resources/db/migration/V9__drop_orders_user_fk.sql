ALTER TABLE `orders` DROP FOREIGN KEY `fk_orders_user`;
ALTER TABLE `orders` DROP INDEX `idx_orders_user`;
