ALTER TABLE "public"."accounts" DROP COLUMN "handle";

ALTER TABLE "public"."accounts" ADD COLUMN "login" text;

CREATE TABLE "public"."account_events" (
  "id" bigint NOT NULL,
  CONSTRAINT "account_events_pkey" PRIMARY KEY ("id")
);
