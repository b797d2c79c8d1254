ALTER TABLE "logs" DROP COLUMN "level";
