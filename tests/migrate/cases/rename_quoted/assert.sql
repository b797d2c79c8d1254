SELECT (SELECT price FROM line_items WHERE id = 1) = 2.5;
SELECT (SELECT greeting FROM line_items WHERE id = 1) = 'hello';
SELECT (SELECT group_concat(ab, ',') FROM line_items) = 'x,y';
