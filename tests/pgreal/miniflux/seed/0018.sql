INSERT INTO user_sessions (user_id, token, user_agent, ip) VALUES (2, 'tok-5', 'w3m', '2001:db8::1/64');
