INSERT INTO keep VALUES (1, 'a');
INSERT INTO gone VALUES (1, 'z');
