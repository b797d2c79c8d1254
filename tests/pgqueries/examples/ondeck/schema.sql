-- After sqlc's examples/ondeck (PostgreSQL), written for dalgen's tests.
CREATE TABLE city (
    slug text PRIMARY KEY,
    name text NOT NULL
);

CREATE TYPE status AS ENUM ('op!en', 'closed');
COMMENT ON TYPE status IS 'Venues can be either open or closed';

CREATE TABLE venue (
    id         SERIAL PRIMARY KEY,
    status     status NOT NULL,
    statuses   status[],
    slug       text NOT NULL,
    name       varchar(255) NOT NULL,
    city       text NOT NULL REFERENCES city (slug),
    spotify_playlist varchar NOT NULL,
    songkick_id text,
    tags       text[],
    created_at timestamp NOT NULL DEFAULT NOW()
);
COMMENT ON TABLE venue IS 'Venues are places where muisc happens';
