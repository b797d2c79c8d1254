DROP TABLE effects; DROP TABLE items;
