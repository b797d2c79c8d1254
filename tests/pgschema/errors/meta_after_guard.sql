\restrict Zq3vT0kLmB8yWcXa
CREATE TABLE a (id int PRIMARY KEY);
\i more.sql
\unrestrict Zq3vT0kLmB8yWcXa
