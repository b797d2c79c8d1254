ALTER TABLE "users" RENAME COLUMN "name" TO "full_name";

ALTER TABLE "posts" RENAME COLUMN "author" TO "author_id";
