SELECT count(*) = 90 FROM child JOIN parent ON parent.a = child.pa AND parent.b = child.pb;
SELECT count(*) = 40 FROM parent WHERE name = 'n' || (a * 2 + substr(b, 2));
