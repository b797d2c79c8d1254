SET LOCAL lock_timeout = '3s';

ALTER TABLE "public"."events" DROP CONSTRAINT "events_user_id_fkey";

ALTER TABLE "public"."events" DROP CONSTRAINT "events_note_check";

DROP INDEX "public"."events_user";

DROP TABLE "public"."audit";

ALTER TYPE "public"."kind" RENAME TO "kind__dalgen_old";

CREATE TYPE "public"."kind" AS ENUM ('a', 'b');

ALTER TABLE "public"."users" ALTER COLUMN "email" DROP DEFAULT;

ALTER TABLE "public"."users" ALTER COLUMN "email" DROP NOT NULL;

ALTER TABLE "public"."events" ALTER COLUMN "k" TYPE kind USING "k"::text::kind;

DROP TYPE "public"."kind__dalgen_old";
