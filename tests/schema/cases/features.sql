-- Every schema feature the model records, with annotations in each place
-- DESIGN.md attaches them.

-- @name account
-- @id uuid7
CREATE TABLE users (  -- @timestamp created_at
    -- @format email
    email TEXT NOT NULL COLLATE NOCASE CONSTRAINT users_email_key UNIQUE,
    id INTEGER PRIMARY KEY AUTOINCREMENT,   -- @name user_id
    age INTEGER CHECK (age >= 0) CONSTRAINT age_max CHECK (age < 200), -- @min 0
    -- @pattern ^[a-z]+$
    -- @length 32
    nick TEXT DEFAULT 'anon' NOT NULL ON CONFLICT REPLACE,
    score REAL DEFAULT (1.5 * 2),
    created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
    version INTEGER NOT NULL DEFAULT 1 /* @version */,
    CONSTRAINT nick_len CHECK (length(nick) <= 32)
);

CREATE TABLE posts (
    id INTEGER PRIMARY KEY,
    author_id INTEGER NOT NULL REFERENCES users ON DELETE CASCADE,
    editor_id INTEGER,
    title TEXT NOT NULL,
    slug TEXT GENERATED ALWAYS AS (lower(title)) STORED,
    title_len INTEGER AS (length(title)),
    body BLOB,
    misc,
    CONSTRAINT posts_editor_fk FOREIGN KEY (editor_id) REFERENCES users (id)
        ON DELETE SET NULL ON UPDATE NO ACTION DEFERRABLE INITIALLY DEFERRED,
    UNIQUE (author_id, title) ON CONFLICT ABORT
);

CREATE TABLE "Order Details" (
    [order id] INTEGER NOT NULL,
    `line` INTEGER NOT NULL,
    qty INTEGER NOT NULL DEFAULT -1,
    CONSTRAINT pk_od PRIMARY KEY ([order id], line)
) WITHOUT ROWID;

CREATE TABLE kv (k TEXT PRIMARY KEY DESC, v ANY) STRICT; -- @name key_value

-- @name document
CREATE VIRTUAL TABLE docs USING fts5(title, body, tokenize = 'porter');

CREATE INDEX posts_title_idx ON posts (title COLLATE NOCASE DESC, author_id);
CREATE UNIQUE INDEX users_lower_email ON users (lower(email)) WHERE email IS NOT NULL;

-- @name active_user
CREATE VIEW active_users AS SELECT id, email, age FROM users WHERE age > 0;

CREATE TRIGGER posts_touch AFTER UPDATE OF title ON posts
BEGIN
    UPDATE users SET version = version + 1 WHERE id = NEW.author_id;
END;

CREATE TRIGGER active_users_insert INSTEAD OF INSERT ON active_users
BEGIN
    INSERT INTO users (email, age) VALUES (NEW.email, NEW.age);
END;

INSERT INTO users (email, age) VALUES ('a@example.com', 30);
PRAGMA foreign_keys = ON;
