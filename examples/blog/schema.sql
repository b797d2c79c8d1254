-- Blog example schema for dalgen.
--
-- Generate, build and run:
--   dalgen generate examples/blog/schema.sql --prefix blog --out build/blog-gen
-- (examples/CMakeLists.txt does this at build time and runs the program.)

CREATE TABLE users (
    id         INTEGER PRIMARY KEY,
    email      TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    age        INTEGER,
    admin      BOOLEAN NOT NULL DEFAULT 0,
    avatar     BLOB,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE posts (
    id         INTEGER PRIMARY KEY,
    author_id  INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    title      TEXT NOT NULL,
    body       TEXT NOT NULL DEFAULT '',
    score      REAL,
    published  BOOLEAN NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE INDEX posts_by_published ON posts (published, created_at);

CREATE TABLE tags (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);

-- Many-to-many between posts and tags: a composite primary key.
CREATE TABLE post_tags (
    post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    tag_id  INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    PRIMARY KEY (post_id, tag_id)
) WITHOUT ROWID;

CREATE VIEW post_summaries AS
    SELECT p.id AS post_id, p.title AS title, u.name AS author,
           (SELECT count(*) FROM post_tags pt WHERE pt.post_id = p.id) AS tag_count
    FROM posts p JOIN users u ON u.id = p.author_id;

-- Comments show the record conveniences (docs/generate.md): the id is a
-- UUIDv7 made by the generated insert, the timestamps are set by insert and
-- update, and the version makes update, patch and delete fail with
-- DAL_CONFLICT when someone changed the comment since it was read.
CREATE TABLE comments (
    id         TEXT NOT NULL PRIMARY KEY,   -- @id uuidv7
    post_id    INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    author     TEXT NOT NULL CHECK (length(author) BETWEEN 1 AND 40),
    body       TEXT NOT NULL,
    created_at TEXT NOT NULL,   -- @timestamp created
    updated_at TEXT NOT NULL,   -- @timestamp updated
    version    INTEGER NOT NULL -- @version
);
