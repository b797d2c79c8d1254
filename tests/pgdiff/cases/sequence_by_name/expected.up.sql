ALTER SEQUENCE "public"."a_id_seq" OWNED BY NONE;

DROP TABLE "public"."a";

CREATE TABLE "public"."b" (
  "id" integer DEFAULT nextval('a_id_seq'::regclass) NOT NULL,
  "v" text,
  CONSTRAINT "b_pkey" PRIMARY KEY ("id")
);

ALTER SEQUENCE "public"."a_id_seq" OWNED BY "public"."b"."id";

ALTER SEQUENCE "public"."counter" OWNED BY "public"."t"."id";
