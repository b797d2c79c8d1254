ALTER TABLE "public"."bookings" DROP CONSTRAINT "bookings_room_fkey";

ALTER TABLE "public"."rooms" DROP CONSTRAINT "rooms_code_floor_key";

ALTER TABLE "public"."bookings" DROP CONSTRAINT "bookings_qty_check";

DROP INDEX "public"."bookings_note";

DROP INDEX "public"."bookings_room_id";

ALTER TABLE "public"."rooms" DROP COLUMN "floor";

CREATE TABLE "public"."legacy" (
  "id" integer
);

ALTER TABLE "public"."rooms" ADD CONSTRAINT "rooms_code_key" UNIQUE ("code");

ALTER TABLE "public"."bookings" ADD CONSTRAINT "bookings_qty_check" CHECK ((qty > 0));

CREATE INDEX bookings_note ON public.bookings USING btree (note) WHERE (note IS NOT NULL);

ALTER TABLE "public"."bookings" ADD CONSTRAINT "bookings_room_fkey" FOREIGN KEY ("room") REFERENCES "public"."rooms" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION;
