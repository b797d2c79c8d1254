-- models.h written by hand as DDL: `dalgen schema` gives the same model for
-- both (locations aside).  Keep the two in step.

-- @name writer
-- @c_struct struct author
-- @c_header models.h
CREATE TABLE authors (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  email TEXT NOT NULL UNIQUE COLLATE NOCASE,  -- @format email
  -- @max_bytes 15
  -- @c_type char[16]
  handle TEXT NOT NULL,
  -- @length 1..500
  -- @c_type char *
  bio TEXT,
  active BOOLEAN NOT NULL DEFAULT 1 CHECK ("active" IN (0, 1)),
  rating REAL CHECK (rating BETWEEN 0 AND 5),  -- @c_type double *
  -- @min 0
  -- @max 150
  -- @c_type int32_t
  age INTEGER,
  mood TEXT NOT NULL DEFAULT 'MOOD_HAPPY'
    CHECK ("mood" IN ('MOOD_HAPPY', 'MOOD_SAD', 'MOOD_ANGRY')),  -- @c_enum enum mood
  prio INTEGER NOT NULL CHECK ("prio" IN (1, 2)),  -- @c_enum priority
  avatar BLOB,
  key BLOB NOT NULL,
  score REAL NOT NULL,  -- @c_type float
  karma INTEGER NOT NULL,  -- @c_type long
  -- @pattern ^[A-Za-z ]+$
  -- @c_field display_name
  name TEXT NOT NULL
);
CREATE INDEX authors_handle ON authors (handle);

-- @c_struct post
-- @c_header models.h
CREATE TABLE posts (
  id INTEGER PRIMARY KEY,
  author_id INTEGER NOT NULL,
  title TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT (datetime('now')),  -- @format datetime
  slug TEXT NOT NULL,  -- @renamed_from permalink
  words INTEGER,
  FOREIGN KEY (author_id) REFERENCES authors (id) ON DELETE CASCADE,
  CHECK (length(title) > 0)
);
CREATE INDEX posts_author_created ON posts (author_id, created_at);
CREATE UNIQUE INDEX posts_slug ON posts (slug);

-- @c_struct struct post_tag
-- @c_header models.h
CREATE TABLE post_tags (
  post_id INTEGER NOT NULL REFERENCES posts ON DELETE CASCADE,
  -- @max_bytes 31
  -- @c_type char[32]
  tag TEXT NOT NULL,
  pinned INTEGER NOT NULL CHECK ("pinned" IN (0, 1)),  -- @type bool
  weight INTEGER,  -- @c_type int64_t *
  PRIMARY KEY (post_id, tag)
) STRICT, WITHOUT ROWID;

-- @c_struct struct reading
-- @c_header models.h
CREATE TABLE readings (
  id INTEGER PRIMARY KEY,
  level INTEGER,  -- @c_type int32_t *
  ratio REAL,  -- @c_type float *
  ok BOOLEAN CHECK ("ok" IN (0, 1)),  -- @c_type _Bool *
  small INTEGER NOT NULL,  -- @c_type int16_t
  octet INTEGER NOT NULL,  -- @c_type uint8_t
  -- @max_bytes 3
  -- @c_type char[4]
  code TEXT,
  mood TEXT CHECK ("mood" IN ('MOOD_HAPPY', 'MOOD_SAD', 'MOOD_ANGRY')),  -- @c_enum enum mood
  weight REAL  -- @c_type float
);
