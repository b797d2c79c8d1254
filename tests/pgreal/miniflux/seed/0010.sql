INSERT INTO sessions (id, data, created_at) VALUES ('s1', '{"csrf": "x", "n": [1, 2.5, null]}', '2018-03-04 05:06:07+00'), ('s2', '{}', '2018-03-04 05:06:08+00');
