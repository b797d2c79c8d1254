ALTER TABLE "users" DROP COLUMN "email";

ALTER TABLE "users" DROP COLUMN "active";

ALTER TABLE "users" DROP COLUMN "score";
