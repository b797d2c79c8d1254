DROP VIEW "public"."cheap_names";

DROP VIEW "public"."cheap";

DROP TRIGGER "items_touch" ON "public"."items";

DROP FUNCTION "public"."touch"();

DROP TABLE "shop"."orders";

ALTER TABLE "public"."items" ALTER COLUMN "price" TYPE numeric(8,2) USING "price"::numeric(8,2);

CREATE OR REPLACE FUNCTION public.touch()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$ BEGIN NEW.name := trim(NEW.name); RETURN NEW; END $function$;

CREATE VIEW public.cheap AS
 SELECT items.id,
    items.name
   FROM items
  WHERE items.price < 10::numeric;

CREATE VIEW public.cheap_names AS
 SELECT cheap.name
   FROM cheap;

CREATE TRIGGER items_touch BEFORE INSERT ON items FOR EACH ROW EXECUTE FUNCTION touch();

DROP SCHEMA "shop";
