-- Rows for replay.sh at state 2: values in users.extra (hstore).
UPDATE users SET extra = 'a=>1, "b c"=>NULL' WHERE id = 1;
