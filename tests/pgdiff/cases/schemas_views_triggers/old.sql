CREATE TABLE items (id serial PRIMARY KEY, name text NOT NULL, price numeric(8,2));
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.name := trim(NEW.name); RETURN NEW; END $$;
CREATE TRIGGER items_touch BEFORE INSERT ON items FOR EACH ROW EXECUTE FUNCTION touch();
CREATE VIEW cheap AS SELECT id, name FROM items WHERE price < 10;
CREATE VIEW cheap_names AS SELECT name FROM cheap;
