DROP INDEX "users_legacy";

ALTER TABLE "users" DROP COLUMN "legacy";
