-- Rows for replay.sh at state 1 of miniflux's history (steps/0001.sql).
INSERT INTO users (username, password, is_admin, language, timezone, theme, last_login_at) VALUES
  ('admin', 'x', 't', 'en_US', 'UTC', 'default', '2018-01-02 03:04:05+00'),
  ('reader', NULL, 'f', 'fr_FR', 'Europe/Paris', 'black', NULL);
INSERT INTO sessions (user_id, token, user_agent, ip) VALUES (1, 'tok-1', 'curl/7', '127.0.0.1'), (2, 'tok-2', NULL, '::1');
INSERT INTO categories (user_id, title) VALUES (1, 'All'), (2, 'News');
INSERT INTO feeds (user_id, category_id, title, feed_url, site_url, parsing_error_count) VALUES
  (1, 1, 'Blog', 'https://example.com/feed', 'https://example.com/', 0),
  (2, 2, 'Wire', 'https://example.org/rss', 'https://example.org/', 3);
INSERT INTO entries (user_id, feed_id, hash, published_at, title, url, author, content, status) VALUES
  (1, 1, 'h1', '2018-01-01 00:00:00+00', 'First', 'https://example.com/1', 'me', 'Hello', 'read'),
  (1, 1, 'h2', '2018-01-02 00:00:00+00', 'Second', 'https://example.com/2', NULL, NULL, 'unread'),
  (2, 2, 'h3', '2018-01-03 00:00:00+00', 'Third', 'https://example.org/3', 'AP', 'World', 'removed');
INSERT INTO enclosures (user_id, entry_id, url, size, mime_type) VALUES (1, 1, 'https://example.com/a.mp3', 2147483647, 'audio/mpeg');
INSERT INTO icons (hash, mime_type, content) VALUES ('ih', 'image/png', '\x89504e47');
INSERT INTO feed_icons (feed_id, icon_id) VALUES (1, 1);
INSERT INTO sessions (user_id, token, user_agent, ip) VALUES (1, 'tok-3', 'Mozilla/5.0', '10.1.2.3/8'), (1, 'tok-4', NULL, '192.168.0.0/16');
INSERT INTO categories (user_id, title) VALUES (1, 'Tech ''n'' "quotes"'), (2, E'line\nbreak');
INSERT INTO feeds (user_id, category_id, title, feed_url, site_url, checked_at, etag_header, parsing_error_msg) VALUES
  (1, 3, 'Ünïcode ✓', 'https://example.net/atom', 'https://example.net/', '2019-06-07 08:09:10.123456+02', 'W/"abc"', 'timeout');
INSERT INTO entries (user_id, feed_id, hash, published_at, title, url, content, status) VALUES
  (1, 3, 'h4', '2019-06-07 08:00:00+00', 'Fourth', 'https://example.net/4', repeat('long ', 200), 'unread');
INSERT INTO enclosures (user_id, entry_id, url, size, mime_type) VALUES (1, 4, 'https://example.net/b.ogg', -1, 'audio/ogg'), (2, 3, 'https://example.org/c.pdf', NULL, '');
INSERT INTO icons (hash, mime_type, content) VALUES ('ih2', 'image/x-icon', '\x000102ff');
INSERT INTO feed_icons (feed_id, icon_id) VALUES (3, 2), (2, 1);
