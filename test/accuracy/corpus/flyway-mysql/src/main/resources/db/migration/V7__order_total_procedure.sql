DROP PROCEDURE IF EXISTS `recalculate_order_total`;

DELIMITER $$
CREATE PROCEDURE `recalculate_order_total`(IN p_order BIGINT UNSIGNED)
BEGIN
  UPDATE `orders` o
     SET o.`total` = (SELECT COALESCE(SUM(i.`price` * i.`qty`), 0) FROM `order_items` i WHERE i.`order_id` = o.`id`)
   WHERE o.`id` = p_order;
END$$
DELIMITER ;
