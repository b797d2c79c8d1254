-- rebuild logs: column level cannot be added with ALTER TABLE: it is NOT NULL without a default
CREATE TABLE "_dalgen_new_logs" (id INTEGER PRIMARY KEY, msg TEXT, level TEXT NOT NULL);

-- copy rows of logs
INSERT INTO "_dalgen_new_logs" ("id", "msg")
  SELECT "id", "msg" FROM "logs";

DROP TABLE "logs";

ALTER TABLE "_dalgen_new_logs" RENAME TO "logs";
