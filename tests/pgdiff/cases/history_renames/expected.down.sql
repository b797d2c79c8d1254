DROP TABLE "public"."sessions";

ALTER TABLE "public"."user_sessions" RENAME TO "sessions";

ALTER TABLE "public"."sessions" RENAME COLUMN "addr" TO "ip";

ALTER TABLE "public"."memos" RENAME TO "notes";

ALTER TABLE "public"."notes" RENAME COLUMN "text_" TO "body";
