ALTER TABLE "order items" RENAME TO "line_items";

ALTER TABLE "line_items" RENAME COLUMN "unit price" TO "price";

ALTER TABLE "line_items" RENAME COLUMN "say ""hi""" TO "greeting";

ALTER TABLE "line_items" RENAME COLUMN "a.b" TO "ab";
