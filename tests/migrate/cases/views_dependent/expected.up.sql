DROP VIEW "post_counts";

DROP VIEW "user_posts";

-- rebuild users: column name changed
CREATE TABLE "_dalgen_new_users" (id INTEGER PRIMARY KEY, name TEXT NOT NULL DEFAULT '?', email TEXT);

-- copy rows of users
INSERT INTO "_dalgen_new_users" ("id", "name", "email")
  SELECT "id", IFNULL("name", '?'), "email" FROM "users";

DROP TABLE "users";

ALTER TABLE "_dalgen_new_users" RENAME TO "users";

CREATE VIEW user_posts AS SELECT u.name, p.title FROM users u JOIN posts p ON p.user_id = u.id;

CREATE VIEW post_counts AS SELECT name, count(*) AS n FROM user_posts GROUP BY name;
