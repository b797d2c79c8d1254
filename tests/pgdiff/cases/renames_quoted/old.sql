CREATE SCHEMA "my s";
CREATE TABLE "my s"."order items" (id int PRIMARY KEY, "unit price" numeric, "say ""hi""" text);
