-- AUTOINCREMENT on an INT (not INTEGER) key: SQLite names the keyword
CREATE TABLE bar (id int not null primary key autoincrement);
