CREATE OR REPLACE VIEW people_names AS SELECT name FROM people;
