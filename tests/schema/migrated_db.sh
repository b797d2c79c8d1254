#!/bin/sh
# migrated_db.sh DALGEN: a database that libdal's migration runner has
# migrated holds _dal_migrations; it is not part of the application's schema.
set -u
dalgen=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sqlite3 "$tmp/app.db" "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL);
CREATE TABLE _dal_migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL);
CREATE INDEX _dal_migrations_name ON _dal_migrations(name);" || exit 1
printf 'CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL);\n' > "$tmp/app.sql"
"$dalgen" schema --sql "$tmp/app.db" > "$tmp/db.out" || exit 1
"$dalgen" schema --sql "$tmp/app.sql" > "$tmp/file.out" || exit 1
diff -u "$tmp/file.out" "$tmp/db.out"
