SELECT count(*) = 90 FROM child JOIN parent ON parent.a2 = child.pa AND parent.b2 = child.pb;
SELECT count(*) = 40 FROM parent WHERE name = 'n' || (a2 * 2 + substr(b2, 2));
