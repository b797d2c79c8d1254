ALTER TABLE "public"."hosts" ALTER COLUMN "addr" TYPE text USING abbrev("addr")::text;

ALTER TABLE "public"."hosts" ALTER COLUMN "net" TYPE cidr USING "net"::cidr;
