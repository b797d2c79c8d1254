DROP TABLE "public"."account_events";

ALTER TABLE "public"."accounts" DROP COLUMN "login";

ALTER TABLE "public"."accounts" ADD COLUMN "handle" text NOT NULL;
