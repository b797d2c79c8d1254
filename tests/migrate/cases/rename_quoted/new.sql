-- A @renamed_from value written as SQL writes a name, in double quotes, is
-- that name (a name with a space, a quote or a dot).
-- @renamed_from "order items"
CREATE TABLE line_items (
    id INTEGER PRIMARY KEY,
    price REAL, -- @renamed_from "unit price"
    greeting TEXT, -- @renamed_from "say ""hi"""
    ab TEXT -- @renamed_from "a.b"
);
