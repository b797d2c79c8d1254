INSERT INTO integrations (user_id, pinboard_enabled, pinboard_token, fever_enabled, fever_username) VALUES (1, 't', 'pin', 'f', ''), (2, 'f', '', 't', 'fev');
