-- rebuild messages: a column is renamed to id, a name the table still has (swap, chain or reuse)
CREATE TABLE "_dalgen_new_messages" (
    id TEXT PRIMARY KEY NOT NULL,
    body TEXT NOT NULL,
    sent_at INTEGER
);

-- copy rows of messages
INSERT INTO "_dalgen_new_messages" (rowid, "id", "body", "sent_at")
  SELECT rowid, "mid", "body", "sent_at" FROM "messages";

DROP TABLE "messages";

ALTER TABLE "_dalgen_new_messages" RENAME TO "messages";

CREATE INDEX messages_sent ON messages(sent_at);
