INSERT INTO api_keys (user_id, token, description, last_used_at) VALUES (1, 'k1', 'cli', '2020-01-01 00:00:00+00'), (2, 'k2', 'phone', NULL);
