SELECT seq = 4 FROM sqlite_sequence WHERE name = 'orders';
SELECT count(*) = 4 FROM lines;
