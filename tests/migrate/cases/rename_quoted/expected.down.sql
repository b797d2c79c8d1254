ALTER TABLE "line_items" RENAME TO "order items";

ALTER TABLE "order items" RENAME COLUMN "price" TO "unit price";

ALTER TABLE "order items" RENAME COLUMN "greeting" TO "say ""hi""";

ALTER TABLE "order items" RENAME COLUMN "ab" TO "a.b";
