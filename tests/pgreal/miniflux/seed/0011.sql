UPDATE integrations SET wallabag_enabled = 't', wallabag_url = 'https://w.example', wallabag_client_id = 'cid' WHERE user_id = 1;
