INSERT INTO people VALUES (3, 'cy');
INSERT INTO no_such_table VALUES (4);
