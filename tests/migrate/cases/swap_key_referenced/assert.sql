SELECT count(*) = 100 FROM c JOIN p ON p.y = c.px WHERE p.x = 1000 + p.y;
