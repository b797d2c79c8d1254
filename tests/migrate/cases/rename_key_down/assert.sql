SELECT count(*) = 100 FROM c JOIN p ON p.z = c.px WHERE p.y = 'y' || p.z;
