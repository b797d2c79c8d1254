ALTER TABLE "public"."bookings" DROP CONSTRAINT "bookings_room_fkey";

ALTER TABLE "public"."rooms" DROP CONSTRAINT "rooms_code_key";

ALTER TABLE "public"."bookings" DROP CONSTRAINT "bookings_qty_check";

DROP INDEX "public"."bookings_note";

DROP TABLE "public"."legacy";

ALTER TABLE "public"."rooms" ADD COLUMN "floor" integer DEFAULT 0 NOT NULL;

ALTER TABLE "public"."rooms" ADD CONSTRAINT "rooms_code_floor_key" UNIQUE ("code", "floor");

ALTER TABLE "public"."bookings" ADD CONSTRAINT "bookings_qty_check" CHECK ((qty >= 0));

CREATE INDEX bookings_note ON public.bookings USING btree (lower(note)) INCLUDE (qty) WHERE (note IS NOT NULL);

CREATE UNIQUE INDEX bookings_room_id ON public.bookings USING btree (room, id);

ALTER TABLE "public"."bookings" ADD CONSTRAINT "bookings_room_fkey" FOREIGN KEY ("room") REFERENCES "public"."rooms" ("id") ON UPDATE NO ACTION ON DELETE CASCADE;
