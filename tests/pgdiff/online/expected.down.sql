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

-- dalgen:no-transaction
SET lock_timeout = '3s';

CREATE INDEX CONCURRENTLY "users_email_dalgen_new" ON public.users USING btree (email);

DROP INDEX CONCURRENTLY IF EXISTS "public"."users_email";

ALTER INDEX IF EXISTS "public"."users_email_dalgen_new" RENAME TO "users_email";

CREATE INDEX CONCURRENTLY "events_note_and_id_an_index_whose_name_takes_all_six_dalgen_new" ON public.events USING btree (note, id);

DROP INDEX CONCURRENTLY IF EXISTS "public"."events_note_and_id_an_index_whose_name_takes_all_sixty_three_by";

ALTER INDEX IF EXISTS "public"."events_note_and_id_an_index_whose_name_takes_all_six_dalgen_new" RENAME TO "events_note_and_id_an_index_whose_name_takes_all_sixty_three_by";

CREATE INDEX CONCURRENTLY "events ON ""k""_dalgen_new" ON public.events USING btree (k);

DROP INDEX CONCURRENTLY IF EXISTS "public"."events ON ""k""";

ALTER INDEX IF EXISTS "public"."events ON ""k""_dalgen_new" RENAME TO "events ON ""k""";

RESET lock_timeout;
