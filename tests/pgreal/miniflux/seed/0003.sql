INSERT INTO tokens (id, value, created_at) VALUES ('t1', 'v1', '2018-02-03 04:05:06+00'), ('t2', 'v2', '2018-02-03 04:05:07+00');
