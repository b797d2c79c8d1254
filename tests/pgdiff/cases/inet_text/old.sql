CREATE TABLE hosts (id int PRIMARY KEY, addr text, net cidr);
