-- dalgen:no-transaction
ALTER TYPE "public"."kind" ADD VALUE 'c' AFTER 'b';

-- dalgen:transaction
SET LOCAL lock_timeout = '3s';

ALTER TABLE "public"."users" ALTER COLUMN "email" SET DEFAULT ''::text;

ALTER TABLE "public"."users" ADD CONSTRAINT "users_email_dalgen_not_null" CHECK ("email" IS NOT NULL) NOT VALID;

CREATE TABLE "public"."audit" (
  "id" bigint NOT NULL,
  "what" text,
  CONSTRAINT "audit_pkey" PRIMARY KEY ("id")
);

ALTER TABLE "public"."events" ADD CONSTRAINT "events_note_check" CHECK ((note <> 'x'::text)) NOT VALID;

CREATE INDEX audit_what ON public.audit USING btree (what);

ALTER TABLE "public"."events" ADD CONSTRAINT "events_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "public"."users" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION NOT VALID;

-- dalgen:no-transaction
SET lock_timeout = '3s';

UPDATE "public"."users" SET "email" = DEFAULT WHERE "email" IS NULL;

ALTER TABLE "public"."users" VALIDATE CONSTRAINT "users_email_dalgen_not_null";

ALTER TABLE "public"."users" ALTER COLUMN "email" SET NOT NULL;

ALTER TABLE "public"."users" DROP CONSTRAINT IF EXISTS "users_email_dalgen_not_null";

ALTER TABLE "public"."events" VALIDATE CONSTRAINT "events_note_check";

ALTER TABLE "public"."events" VALIDATE CONSTRAINT "events_user_id_fkey";

CREATE INDEX CONCURRENTLY events_user ON public.events USING btree (user_id) WHERE (k <> 'a'::kind);

CREATE INDEX CONCURRENTLY "users_email_dalgen_new" ON public.users USING btree (lower(email)) WHERE (email <> ''::text);

DROP INDEX CONCURRENTLY IF EXISTS "public"."users_email";

ALTER INDEX IF EXISTS "public"."users_email_dalgen_new" RENAME TO "users_email";

CREATE UNIQUE INDEX CONCURRENTLY "events_note_and_id_an_index_whose_name_takes_all_six_dalgen_new" ON public.events USING btree (id, note);

DROP INDEX CONCURRENTLY IF EXISTS "public"."events_note_and_id_an_index_whose_name_takes_all_sixty_three_by";

ALTER INDEX IF EXISTS "public"."events_note_and_id_an_index_whose_name_takes_all_six_dalgen_new" RENAME TO "events_note_and_id_an_index_whose_name_takes_all_sixty_three_by";

CREATE INDEX CONCURRENTLY "events ON ""k""_dalgen_new" ON public.events USING btree (k, id);

DROP INDEX CONCURRENTLY IF EXISTS "public"."events ON ""k""";

ALTER INDEX IF EXISTS "public"."events ON ""k""_dalgen_new" RENAME TO "events ON ""k""";

RESET lock_timeout;
