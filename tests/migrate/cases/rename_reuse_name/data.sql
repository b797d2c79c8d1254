WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 500)
INSERT INTO messages (id, body, sent_at) SELECT printf('msg-%04d', x), 'body ' || x, x FROM n;
