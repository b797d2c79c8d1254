-- dalgen:no-transaction
ALTER TYPE "public"."prio" ADD VALUE 'mid' AFTER 'low';

ALTER TYPE "public"."prio" ADD VALUE 'urgent' AFTER 'high';

-- dalgen:transaction
ALTER TYPE "public"."state" RENAME TO "state__dalgen_old";

CREATE TYPE "public"."state" AS ENUM ('new', 'open', 'closed');

ALTER TABLE "public"."tickets" ALTER COLUMN "s" DROP DEFAULT;

ALTER TABLE "public"."tickets" ALTER COLUMN "s" TYPE state USING "s"::text::state;

ALTER TABLE "public"."tickets" ALTER COLUMN "s" SET DEFAULT 'open'::state;

ALTER TABLE "public"."tickets" ALTER COLUMN "p" SET DEFAULT 'mid'::prio;

ALTER TABLE "public"."tickets" ALTER COLUMN "tags" TYPE state[] USING "tags"::text[]::state[];

DROP TYPE "public"."state__dalgen_old";
