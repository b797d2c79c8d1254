SELECT typeof(code) = 'text' FROM t WHERE id = 1;
SELECT code = '42' FROM t WHERE id = 1;
SELECT price = 10.0 AND typeof(price) = 'real' FROM t WHERE id = 1;
