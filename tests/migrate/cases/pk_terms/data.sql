INSERT INTO tag VALUES ('Red', 'color'), ('small', 'size');
INSERT INTO note VALUES (1, 'first');
