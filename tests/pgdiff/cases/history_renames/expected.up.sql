ALTER TABLE "public"."sessions" RENAME TO "user_sessions";

ALTER TABLE "public"."user_sessions" RENAME COLUMN "ip" TO "addr";

ALTER TABLE "public"."notes" RENAME TO "memos";

ALTER TABLE "public"."memos" RENAME COLUMN "body" TO "text_";

CREATE TABLE "public"."sessions" (
  "id" text NOT NULL,
  "data" jsonb NOT NULL,
  CONSTRAINT "sessions_pkey1" PRIMARY KEY ("id")
);
