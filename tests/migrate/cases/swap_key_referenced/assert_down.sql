SELECT count(*) = 100 FROM c JOIN p ON p.x = c.px WHERE p.y = 1000 + p.x;
