-- How precisely an event is placed: city, admin (a region or province), country, or unresolved
-- (a place the gazetteer does not know, kept with the country around it and no coordinates).
ALTER TABLE mentions ADD COLUMN location_precision VARCHAR;
ALTER TABLE events ADD COLUMN location_precision VARCHAR;
