SELECT v = '' FROM kv WHERE k = 'y';
SELECT count(*) = 2 FROM tags;
