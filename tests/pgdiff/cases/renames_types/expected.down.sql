DROP VIEW "public"."v";

ALTER TABLE "public"."books" DROP CONSTRAINT "books_author_id_fkey";

ALTER TABLE "public"."books" DROP CONSTRAINT "books_title_check";

DROP INDEX "public"."books_title";

DROP INDEX "public"."books_pages";

ALTER TABLE "public"."writers" DROP COLUMN "born";

ALTER TABLE "public"."writers" RENAME TO "authors";

ALTER TABLE "public"."authors" RENAME COLUMN "full_name" TO "name";

ALTER TYPE "public"."mood" RENAME TO "mood__dalgen_old";

CREATE TYPE "public"."mood" AS ENUM ('sad', 'ok');

ALTER TABLE "public"."authors" ALTER COLUMN "m" DROP DEFAULT;

ALTER TABLE "public"."authors" ALTER COLUMN "m" TYPE mood USING "m"::text::mood;

ALTER TABLE "public"."authors" ALTER COLUMN "m" SET DEFAULT 'ok'::mood;

ALTER TABLE "public"."books" ALTER COLUMN "title" TYPE character varying(20) USING "title"::character varying(20);

ALTER TABLE "public"."books" ALTER COLUMN "pages" DROP DEFAULT;

ALTER TABLE "public"."books" ALTER COLUMN "pages" TYPE integer USING "pages"::integer;

ALTER TABLE "public"."books" ALTER COLUMN "pages" DROP NOT NULL;

DROP TYPE "public"."mood__dalgen_old";

ALTER SEQUENCE "public"."writers_id_seq" RENAME TO "authors_id_seq";

ALTER TABLE "public"."authors" RENAME CONSTRAINT "writers_pkey" TO "authors_pkey";

ALTER TABLE "public"."authors" RENAME CONSTRAINT "writers_full_name_key" TO "authors_name_key";

ALTER TABLE "public"."books" ADD CONSTRAINT "books_title_check" CHECK ((length((title)::text) > 0));

CREATE INDEX books_title ON public.books USING btree (lower((title)::text)) WHERE (pages > 0);

ALTER TABLE "public"."books" ADD CONSTRAINT "books_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "public"."authors" ("id") ON UPDATE NO ACTION ON DELETE NO ACTION;

CREATE VIEW public.v AS
 SELECT b.title,
    a.name
   FROM books b
     JOIN authors a ON a.id = b.author_id;
