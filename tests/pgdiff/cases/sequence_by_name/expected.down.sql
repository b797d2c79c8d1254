ALTER SEQUENCE "public"."a_id_seq" OWNED BY NONE;

ALTER SEQUENCE "public"."counter" OWNED BY NONE;

DROP TABLE "public"."b";

CREATE TABLE "public"."a" (
  "id" integer DEFAULT nextval('a_id_seq'::regclass) NOT NULL,
  "v" text,
  CONSTRAINT "a_pkey" PRIMARY KEY ("id")
);

ALTER SEQUENCE "public"."a_id_seq" OWNED BY "public"."a"."id";
