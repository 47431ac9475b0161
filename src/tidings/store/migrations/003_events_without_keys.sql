-- The events and the sources reporting them, without primary keys: DuckDB holds a key's index in
-- memory in full and never evicts it, so an ingest's memory grew with every event and event source
-- stored, and ingest stopped with DuckDB's Out of Memory Error once the indexes filled its memory
-- limit (at 35,664 articles and 641,563 events with store.ingest.DUCKDB_MEMORY at 128 MB).
-- Ingest keeps both unique itself, looking up each batch's ids before writing it (store/fold.py).
-- DuckDB cannot drop a key, so each table is copied into one without it, its columns as they were.
CREATE TABLE events_unkeyed AS SELECT * FROM events;
ALTER TABLE events_unkeyed ALTER COLUMN id SET NOT NULL;
ALTER TABLE events_unkeyed ALTER COLUMN cameo SET NOT NULL;
ALTER TABLE events_unkeyed ALTER COLUMN cameo_root SET NOT NULL;
ALTER TABLE events_unkeyed ALTER COLUMN quad_class SET NOT NULL;
ALTER TABLE events_unkeyed ALTER COLUMN goldstein SET NOT NULL;
ALTER TABLE events_unkeyed ALTER COLUMN modality SET NOT NULL;
ALTER TABLE events_unkeyed ALTER COLUMN num_mentions SET NOT NULL;
ALTER TABLE events_unkeyed ALTER COLUMN num_articles SET NOT NULL;
ALTER TABLE events_unkeyed ALTER COLUMN num_sources SET NOT NULL;
ALTER TABLE events_unkeyed ALTER COLUMN is_root SET NOT NULL;
ALTER TABLE events_unkeyed ALTER COLUMN confidence SET NOT NULL;
ALTER TABLE events_unkeyed ALTER COLUMN first_article SET NOT NULL;
ALTER TABLE events_unkeyed ALTER COLUMN added_at SET NOT NULL;
DROP TABLE events;
ALTER TABLE events_unkeyed RENAME TO events;

CREATE TABLE event_sources_unkeyed AS SELECT * FROM event_sources;
ALTER TABLE event_sources_unkeyed ALTER COLUMN event_id SET NOT NULL;
ALTER TABLE event_sources_unkeyed ALTER COLUMN source SET NOT NULL;
DROP TABLE event_sources;
ALTER TABLE event_sources_unkeyed RENAME TO event_sources;
