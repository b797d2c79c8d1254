-- a misspelt @renamed_from: the column is added, the old one dropped
CREATE TABLE accounts (
    id bigint PRIMARY KEY,
    handle text NOT NULL
);
