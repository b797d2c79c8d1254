CREATE TABLE messages (
    id TEXT PRIMARY KEY NOT NULL,
    body TEXT NOT NULL,
    sent_at INTEGER
);
CREATE INDEX messages_sent ON messages(sent_at);
