SELECT n = 2 FROM post_counts WHERE name = 'ann';
SELECT n = 1 FROM post_counts WHERE name = '?';
