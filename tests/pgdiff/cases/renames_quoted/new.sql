-- A @renamed_from value written as SQL writes a name, in double quotes, is
-- that name; "s"."t" names a table of schema s.
CREATE SCHEMA "my s";
-- @renamed_from "my s"."order items"
CREATE TABLE "my s".line_items (
    id int PRIMARY KEY,
    price numeric, -- @renamed_from "unit price"
    greeting text -- @renamed_from "say ""hi"""
);
