INSERT INTO people VALUES (1, 'ana');
INSERT INTO people VALUES (2, 'bo');
