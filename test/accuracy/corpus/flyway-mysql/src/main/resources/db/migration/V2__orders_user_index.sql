ALTER TABLE `orders` ADD INDEX `idx_orders_user` (`user_id`, `status`);
