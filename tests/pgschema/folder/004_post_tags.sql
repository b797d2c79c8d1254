-- An sql-migrate file: only the part after `-- +migrate Up` counts.
-- +migrate Up
CREATE TABLE post_tags (post_id int REFERENCES posts(id), tag_id int REFERENCES tags(id), PRIMARY KEY (post_id, tag_id));

-- +migrate Down
DROP TABLE post_tags;
