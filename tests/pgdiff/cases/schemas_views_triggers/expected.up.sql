DROP VIEW "public"."cheap_names";

DROP VIEW "public"."cheap";

DROP TRIGGER "items_touch" ON "public"."items";

DROP FUNCTION "public"."touch"();

CREATE SCHEMA "shop";

ALTER TABLE "public"."items" ALTER COLUMN "price" TYPE numeric(10,2) USING "price"::numeric(10,2);

CREATE TABLE "shop"."orders" (
  "id" bigint GENERATED ALWAYS AS IDENTITY (SEQUENCE NAME "shop"."orders_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
  "item" integer NOT NULL,
  CONSTRAINT "orders_pkey" PRIMARY KEY ("id")
);

ALTER TABLE "shop"."orders" ADD CONSTRAINT "orders_item_fkey" FOREIGN KEY ("item") REFERENCES "public"."items" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION;

CREATE OR REPLACE FUNCTION public.touch()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$ BEGIN NEW.name := upper(trim(NEW.name)); RETURN NEW; END $function$;

CREATE VIEW public.cheap AS
 SELECT items.id,
    items.name
   FROM items
  WHERE items.price < 10::numeric;

CREATE VIEW public.cheap_names AS
 SELECT cheap.name
   FROM cheap;

CREATE TRIGGER items_touch BEFORE INSERT ON items FOR EACH ROW EXECUTE FUNCTION touch();
