-- dalgen:no-transaction
ALTER TYPE "public"."mood" ADD VALUE 'meh' AFTER 'sad';

ALTER TYPE "public"."mood" ADD VALUE 'great' AFTER 'ok';

-- dalgen:transaction
DROP VIEW "public"."v";

ALTER TABLE "public"."books" DROP CONSTRAINT "books_author_id_fkey";

ALTER TABLE "public"."books" DROP CONSTRAINT "books_title_check";

DROP INDEX "public"."books_title";

ALTER TABLE "public"."authors" RENAME TO "writers";

ALTER TABLE "public"."writers" RENAME COLUMN "name" TO "full_name";

ALTER TABLE "public"."writers" ALTER COLUMN "m" SET DEFAULT 'great'::mood;

ALTER TABLE "public"."writers" ADD COLUMN "born" date;

ALTER TABLE "public"."books" ALTER COLUMN "title" TYPE text USING "title"::text;

ALTER TABLE "public"."books" ALTER COLUMN "pages" TYPE bigint USING "pages"::bigint;

ALTER TABLE "public"."books" ALTER COLUMN "pages" SET DEFAULT 0;

UPDATE "public"."books" SET "pages" = DEFAULT WHERE "pages" IS NULL;

ALTER TABLE "public"."books" ALTER COLUMN "pages" SET NOT NULL;

ALTER SEQUENCE "public"."authors_id_seq" RENAME TO "writers_id_seq";

ALTER TABLE "public"."writers" RENAME CONSTRAINT "authors_pkey" TO "writers_pkey";

ALTER TABLE "public"."writers" RENAME CONSTRAINT "authors_name_key" TO "writers_full_name_key";

ALTER TABLE "public"."books" ADD CONSTRAINT "books_title_check" CHECK ((length(title) > 1));

CREATE INDEX books_title ON public.books USING btree (lower(title)) WHERE (pages > 0);

CREATE INDEX books_pages ON public.books USING btree (pages) INCLUDE (title);

ALTER TABLE "public"."books" ADD CONSTRAINT "books_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "public"."writers" ("id") ON UPDATE NO ACTION ON DELETE CASCADE;

CREATE VIEW public.v AS
 SELECT b.title,
    a.full_name
   FROM books b
     JOIN writers a ON a.id = b.author_id;
