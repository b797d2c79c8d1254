SELECT count(*) = 500 FROM messages WHERE mid = printf('msg-%04d', sent_at) AND body = 'body ' || sent_at;
SELECT count(DISTINCT id) = 500 AND min(id) >= 1 FROM messages;
