PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE doc(id integer primary key, body text);
PRAGMA writable_schema=ON;
INSERT INTO sqlite_schema(type,name,tbl_name,rootpage,sql)VALUES('table','ft','ft',0,'CREATE VIRTUAL TABLE ft using fts5(body)');
CREATE TABLE IF NOT EXISTS 'ft_data'(id INTEGER PRIMARY KEY, block BLOB);
PRAGMA writable_schema=OFF;
COMMIT;
