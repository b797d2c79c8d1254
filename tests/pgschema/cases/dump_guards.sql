--
-- The head and tail of a plain pg_dump since PostgreSQL 17.6 / 16.10 /
-- 15.14: the \restrict and \unrestrict guard lines (a random key) around
-- the SQL. psql runs them; dalgen reads them as blank lines.
--

\restrict Zq3vT0kLmB8yWcXa

SET statement_timeout = 0;
SELECT pg_catalog.set_config('search_path', '', false);

CREATE TABLE public.shelves (
    id bigint NOT NULL,
    label text NOT NULL
);

ALTER TABLE ONLY public.shelves
    ADD CONSTRAINT shelves_pkey PRIMARY KEY (id);

   \unrestrict Zq3vT0kLmB8yWcXa   
