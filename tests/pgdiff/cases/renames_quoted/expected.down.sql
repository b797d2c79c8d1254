ALTER TABLE "my s"."line_items" RENAME TO "order items";

ALTER TABLE "my s"."order items" RENAME COLUMN "price" TO "unit price";

ALTER TABLE "my s"."order items" RENAME COLUMN "greeting" TO "say ""hi""";

ALTER TABLE "my s"."order items" RENAME CONSTRAINT "line_items_pkey" TO "order items_pkey";
