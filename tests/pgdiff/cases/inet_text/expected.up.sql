ALTER TABLE "public"."hosts" ALTER COLUMN "addr" TYPE inet USING "addr"::inet;

ALTER TABLE "public"."hosts" ALTER COLUMN "net" TYPE text USING "net"::text;
