DELETE FROM items; DELETE FROM effects WHERE migration = 2;
