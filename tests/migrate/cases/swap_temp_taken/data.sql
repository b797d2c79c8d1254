INSERT INTO red (id, r) VALUES (1, 'red1'), (2, 'red2');
INSERT INTO blue (id, b) VALUES (1, 'blue1');
INSERT INTO _dalgen_swap_red (id, v) VALUES (7, 'keep');
INSERT INTO _dalgen_swap_blue (id, w) VALUES (8, 'keep too');
