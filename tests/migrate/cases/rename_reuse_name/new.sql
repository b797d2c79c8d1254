CREATE TABLE messages (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    mid TEXT NOT NULL UNIQUE, -- @renamed_from id
    body TEXT NOT NULL,
    sent_at INTEGER
);
CREATE INDEX messages_sent ON messages(sent_at);
