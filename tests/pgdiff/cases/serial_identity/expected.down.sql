ALTER SEQUENCE "public"."t_id_seq" RENAME TO "t_id_seq__dalgen_old";

CREATE SEQUENCE "public"."t_id_seq" AS integer INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1 NO CYCLE;

SELECT setval('"public"."t_id_seq"', last_value, is_called) FROM "public"."t_id_seq__dalgen_old";

ALTER TABLE "public"."t" ALTER COLUMN "id" DROP IDENTITY;

ALTER SEQUENCE "public"."t_id_seq" OWNED BY "public"."t"."id";

ALTER TABLE "public"."t" ALTER COLUMN "id" SET DEFAULT nextval('t_id_seq'::regclass);

ALTER TABLE "public"."u" ALTER COLUMN "id" DROP DEFAULT;

ALTER SEQUENCE "public"."u_id_seq" RENAME TO "u_id_seq__dalgen_old";

ALTER SEQUENCE "public"."u_id_seq__dalgen_old" OWNED BY NONE;

ALTER TABLE "public"."u" ALTER COLUMN "id" ADD GENERATED ALWAYS AS IDENTITY (SEQUENCE NAME "public"."u_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1);

SELECT setval(pg_get_serial_sequence('"public"."u"', 'id'), last_value, is_called) FROM "public"."u_id_seq__dalgen_old";

DROP SEQUENCE "public"."u_id_seq__dalgen_old";

ALTER TABLE "public"."w" ALTER COLUMN "id" DROP IDENTITY;
