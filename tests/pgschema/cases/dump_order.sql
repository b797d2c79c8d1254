-- What a pg_dump carries that `schema --sql` must recreate in an order the
-- server accepts (after pagila, tests/pgreal): a LANGUAGE sql function whose
-- body names a table created after it, a function returning a table's rows,
-- an aggregate over a function, a view using the aggregate, and an index on
-- a materialized view.
SET check_function_bodies = false;

CREATE FUNCTION pick(a text, b text) RETURNS text
    LANGUAGE sql IMMUTABLE
    AS $$ SELECT CASE WHEN a IS NULL THEN b ELSE a || ', ' || b END $$;

CREATE AGGREGATE joined(text) (SFUNC = pick, STYPE = text);

CREATE FUNCTION order_count() RETURNS bigint
    LANGUAGE sql STABLE
    AS $$ SELECT count(*) FROM orders $$;

CREATE TABLE orders (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer text NOT NULL,
    item text NOT NULL,
    closed_at timestamptz
);

CREATE FUNCTION open_orders() RETURNS SETOF orders
    LANGUAGE sql STABLE
    AS $$ SELECT * FROM orders WHERE closed_at IS NULL $$;

CREATE VIEW items_by_customer AS
    SELECT customer, joined(item) AS items FROM orders GROUP BY customer;

CREATE FUNCTION busy_customers() RETURNS SETOF items_by_customer
    LANGUAGE sql STABLE
    AS $$ SELECT * FROM items_by_customer $$;

CREATE MATERIALIZED VIEW order_totals AS
    SELECT customer, count(*) AS n FROM orders GROUP BY customer
    WITH NO DATA;

CREATE UNIQUE INDEX order_totals_customer ON order_totals (customer);
