CREATE TABLE a (id int PRIMARY KEY);
\restrict Zq3vT0kLmB8yWcXa \connect other
