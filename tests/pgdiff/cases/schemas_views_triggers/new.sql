CREATE SCHEMA shop;
CREATE TABLE items (id serial PRIMARY KEY, name text NOT NULL, price numeric(10,2));
CREATE TABLE shop.orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, item int NOT NULL REFERENCES items(id));
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.name := upper(trim(NEW.name)); RETURN NEW; END $$;
CREATE TRIGGER items_touch BEFORE INSERT ON items FOR EACH ROW EXECUTE FUNCTION touch();
CREATE VIEW cheap AS SELECT id, name FROM items WHERE price < 10;
CREATE VIEW cheap_names AS SELECT name FROM cheap;
