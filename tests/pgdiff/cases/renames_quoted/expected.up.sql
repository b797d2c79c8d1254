ALTER TABLE "my s"."order items" RENAME TO "line_items";

ALTER TABLE "my s"."line_items" RENAME COLUMN "unit price" TO "price";

ALTER TABLE "my s"."line_items" RENAME COLUMN "say ""hi""" TO "greeting";

ALTER TABLE "my s"."line_items" RENAME CONSTRAINT "order items_pkey" TO "line_items_pkey";
