DROP VIEW items_big; DROP FUNCTION bump(integer); DELETE FROM effects WHERE migration = 4;
