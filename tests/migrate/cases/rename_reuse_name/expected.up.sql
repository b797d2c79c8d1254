ALTER TABLE "messages" RENAME COLUMN "id" TO "mid";

-- rebuild messages: column id cannot be added with ALTER TABLE: it is part of the PRIMARY KEY
CREATE TABLE "_dalgen_new_messages" (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    mid TEXT NOT NULL UNIQUE, /* @renamed_from id */
    body TEXT NOT NULL,
    sent_at INTEGER
);

-- copy rows of messages
INSERT INTO "_dalgen_new_messages" ("mid", "body", "sent_at")
  SELECT "mid", "body", "sent_at" FROM "messages";

DROP TABLE "messages";

ALTER TABLE "_dalgen_new_messages" RENAME TO "messages";

CREATE INDEX messages_sent ON messages(sent_at);
