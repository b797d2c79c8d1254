ALTER TABLE "users" RENAME COLUMN "full_name" TO "name";

ALTER TABLE "posts" RENAME COLUMN "author_id" TO "author";
