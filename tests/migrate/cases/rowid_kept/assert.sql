SELECT rank = 2 AND body = '' FROM notes WHERE rowid = 17;
SELECT max(rowid) = 900 FROM notes;
