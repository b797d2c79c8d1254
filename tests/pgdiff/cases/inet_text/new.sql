-- addresses kept as text become inet; a cidr becomes text
CREATE TABLE hosts (id int PRIMARY KEY, addr inet, net text);
