-- The first schema of a tidings store. docs/store.md describes every table and column.

-- One row per article read: coded originals, and copies folded into an earlier original.
CREATE TABLE articles (
    id           VARCHAR PRIMARY KEY,  -- hash of the normalised text and the source
    seq          BIGINT NOT NULL,      -- order of ingestion: the earliest article has the lowest
    record_id    VARCHAR,              -- the id the record carried (JSONL/CSV id, feed guid), if any
    title        VARCHAR,
    url          VARCHAR,
    outlet       VARCHAR,
    source       VARCHAR NOT NULL,     -- outlet, else the URL's host, else 'article:' || id
    published    DATE,
    origin       VARCHAR,              -- file:line or file#n it was read from
    duplicate_of VARCHAR,              -- the original this article is a copy of
    similarity   DOUBLE,               -- estimated Jaccard similarity to that original
    mentions     INTEGER NOT NULL,     -- event mentions coded from it (0 for copies)
    error        VARCHAR,              -- why it could not be coded, if it could not
    text         VARCHAR,              -- the text every span indexes (NULL for copies)
    minhash      BLOB,                 -- MinHash signature of an original (NULL for copies)
    ingested_at  TIMESTAMP NOT NULL
);

-- LSH band hashes of original articles: near-duplicate candidates are looked up here, not in memory.
CREATE TABLE article_bands (
    key        BIGINT NOT NULL,        -- hash of (band number, the band's MinHash values)
    article_id VARCHAR NOT NULL
);

-- Every coded event mention with its evidence.
CREATE TABLE mentions (
    mention_id      VARCHAR NOT NULL,  -- the Event's event_id
    event_id        BIGINT NOT NULL,   -- the folded event in `events`
    article_id      VARCHAR NOT NULL,
    sentence_index  INTEGER NOT NULL,
    sentence        VARCHAR NOT NULL,
    date            DATE,
    date_precision  VARCHAR,
    source_code     VARCHAR,
    source_name     VARCHAR,
    source_text     VARCHAR,
    source_start    INTEGER,
    source_end      INTEGER,
    source_country  VARCHAR,
    source_sector   VARCHAR,
    target_code     VARCHAR,
    target_name     VARCHAR,
    target_text     VARCHAR,
    target_start    INTEGER,
    target_end      INTEGER,
    target_country  VARCHAR,
    target_sector   VARCHAR,
    cameo           VARCHAR NOT NULL,
    cameo_root      VARCHAR NOT NULL,
    quad_class      TINYINT NOT NULL,
    goldstein       DOUBLE NOT NULL,
    plover_type     VARCHAR,
    plover_mode     VARCHAR,
    trigger         VARCHAR NOT NULL,
    trigger_start   INTEGER NOT NULL,
    trigger_end     INTEGER NOT NULL,
    location_text   VARCHAR,
    location        VARCHAR,
    location_country VARCHAR,
    lat             DOUBLE,
    lon             DOUBLE,
    geonameid       BIGINT,
    modality        VARCHAR NOT NULL,
    confidence      DOUBLE NOT NULL
);

-- Mentions folded into events: one row per (source code, target code, CAMEO code, date, modality).
CREATE TABLE events (
    id               BIGINT PRIMARY KEY,
    date             DATE,
    date_precision   VARCHAR,
    source_code      VARCHAR,
    source_name      VARCHAR,
    source_country   VARCHAR,
    source_sector    VARCHAR,
    target_code      VARCHAR,
    target_name      VARCHAR,
    target_country   VARCHAR,
    target_sector    VARCHAR,
    cameo            VARCHAR NOT NULL,
    cameo_root       VARCHAR NOT NULL,
    quad_class       TINYINT NOT NULL,
    goldstein        DOUBLE NOT NULL,
    plover_type      VARCHAR,
    plover_mode      VARCHAR,
    modality         VARCHAR NOT NULL,
    location         VARCHAR,
    location_country VARCHAR,
    lat              DOUBLE,
    lon              DOUBLE,
    geonameid        BIGINT,
    num_mentions     INTEGER NOT NULL,
    num_articles     INTEGER NOT NULL,
    num_sources      INTEGER NOT NULL,
    first_seen       DATE,
    last_seen        DATE,
    is_root          BOOLEAN NOT NULL,
    confidence       DOUBLE NOT NULL,
    first_article    VARCHAR NOT NULL,
    url              VARCHAR,
    added_at         TIMESTAMP NOT NULL
);

-- Which sources (outlets) report each event, copies included: NumSources counts these.
CREATE TABLE event_sources (
    event_id BIGINT NOT NULL,
    source   VARCHAR NOT NULL,
    PRIMARY KEY (event_id, source)
);

-- Actors as coded: one row per code and name ('' when the actor has no name).
CREATE TABLE actors (
    code       VARCHAR NOT NULL,
    name       VARCHAR NOT NULL,
    country    VARCHAR,
    sector     VARCHAR,
    mentions   INTEGER NOT NULL,
    as_source  INTEGER NOT NULL,
    as_target  INTEGER NOT NULL,
    PRIMARY KEY (code, name)
);
