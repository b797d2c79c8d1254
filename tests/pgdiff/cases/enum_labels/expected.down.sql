-- dalgen:no-transaction
ALTER TYPE "public"."state" ADD VALUE 'spam' AFTER 'closed';

-- dalgen:transaction
ALTER TYPE "public"."prio" RENAME TO "prio__dalgen_old";

CREATE TYPE "public"."prio" AS ENUM ('low', 'high');

ALTER TABLE "public"."tickets" ALTER COLUMN "s" SET DEFAULT 'new'::state;

ALTER TABLE "public"."tickets" ALTER COLUMN "p" DROP DEFAULT;

ALTER TABLE "public"."tickets" ALTER COLUMN "p" TYPE prio USING "p"::text::prio;

DROP TYPE "public"."prio__dalgen_old";
