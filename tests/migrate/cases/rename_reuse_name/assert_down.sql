SELECT count(*) = 500 FROM messages WHERE id = printf('msg-%04d', sent_at) AND body = 'body ' || sent_at;
SELECT typeof(id) = 'text' FROM messages LIMIT 1;
