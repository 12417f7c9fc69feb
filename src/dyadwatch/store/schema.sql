-- dyadwatch store: one DuckDB file. Rows of an article are replaced as a whole,
-- keyed by article_id (a hash of the article's content), so processing is idempotent.
CREATE TABLE IF NOT EXISTS articles (
    article_id  VARCHAR PRIMARY KEY,
    path        VARCHAR NOT NULL,
    outlet      VARCHAR,
    url         VARCHAR,
    title       VARCHAR,
    author      VARCHAR,
    published   TIMESTAMP,
    language    VARCHAR,
    body        VARCHAR NOT NULL,
    removed     VARCHAR[],
    duplicate_of VARCHAR,
    source_file VARCHAR NOT NULL, -- the input file (path without a JSONL record's #ID)
    stored_at   TIMESTAMP NOT NULL,  -- when the run that wrote it started
    topic       VARCHAR,  -- the relevance stage's: 'politics' or 'other' (NULL: not judged)
    topic_score DOUBLE,   -- P(political)
    coding      VARCHAR   -- 'coded', or 'not coded: ' and why: no event pipeline for its language
);
-- a store written before the relevance stage gains its columns
ALTER TABLE articles ADD COLUMN IF NOT EXISTS topic VARCHAR;
ALTER TABLE articles ADD COLUMN IF NOT EXISTS topic_score DOUBLE;
-- ... and before `coding`: its rows are given theirs when the column is added (store/duck.py)
ALTER TABLE articles ADD COLUMN IF NOT EXISTS coding VARCHAR;
-- MinHash signature of each body, kept so near-duplicates are found across runs.
CREATE TABLE IF NOT EXISTS signatures (
    article_id  VARCHAR PRIMARY KEY,
    signature   UBIGINT[] NOT NULL
);
-- Its LSH band keys (clean/duplicates.py band_shape), derived from it and written with it:
-- a new article's candidate copies are one join away, however big the store.
CREATE TABLE IF NOT EXISTS signature_bands (
    article_id  VARCHAR NOT NULL,
    band        INTEGER NOT NULL,
    key         UBIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS sentences (
    article_id     VARCHAR NOT NULL,
    sentence_index INTEGER NOT NULL,
    char_start     INTEGER NOT NULL,
    char_end       INTEGER NOT NULL,
    text           VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS mentions (
    article_id     VARCHAR NOT NULL,
    sentence_index INTEGER NOT NULL,
    char_start     INTEGER NOT NULL,
    char_end       INTEGER NOT NULL,
    text           VARCHAR NOT NULL,
    code           VARCHAR NOT NULL,
    country        VARCHAR,
    role           VARCHAR,
    actor_id       VARCHAR,
    basis          VARCHAR
);
CREATE TABLE IF NOT EXISTS events (
    event_id       VARCHAR PRIMARY KEY,
    article_id     VARCHAR NOT NULL,
    sentence_index INTEGER NOT NULL,
    char_start     INTEGER NOT NULL,
    char_end       INTEGER NOT NULL,
    evidence       VARCHAR NOT NULL,
    date           DATE,
    date_precision VARCHAR,
    date_basis     VARCHAR,
    source         VARCHAR,
    target         VARCHAR,
    source_text    VARCHAR,
    target_text    VARCHAR,
    code           VARCHAR NOT NULL,
    root           VARCHAR NOT NULL,
    quad_class     INTEGER NOT NULL,
    goldstein      DOUBLE NOT NULL,
    plover         VARCHAR,
    modality       VARCHAR NOT NULL,
    speaker        VARCHAR,
    confidence     DOUBLE NOT NULL,
    rule           VARCHAR NOT NULL,
    place          VARCHAR,
    place_country  VARCHAR,
    lat            DOUBLE,
    lon            DOUBLE
);
CREATE TABLE IF NOT EXISTS quarantine (
    path    VARCHAR PRIMARY KEY,   -- the file, or FILE#ID / FILE:LINE for a JSONL record
    file    VARCHAR NOT NULL,
    reason  VARCHAR NOT NULL,
    quarantined_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);
-- Input files completely processed, as they were then: a rerun skips those unchanged.
CREATE TABLE IF NOT EXISTS files (
    path      VARCHAR PRIMARY KEY,
    size      BIGINT NOT NULL,
    mtime_ns  BIGINT NOT NULL,
    done_at   TIMESTAMP NOT NULL DEFAULT current_timestamp
);
-- Outlets followed (`dyadwatch sources`): RSS/Atom feeds and sitemaps.
CREATE TABLE IF NOT EXISTS sources (
    name      VARCHAR PRIMARY KEY,  -- short label; also the folder its pages are kept in
    url       VARCHAR NOT NULL UNIQUE,
    kind      VARCHAR NOT NULL,     -- rss, atom, sitemap, or feed (not yet looked at)
    lang      VARCHAR,              -- the language the user says the outlet writes in
    added_at  TIMESTAMP NOT NULL DEFAULT current_timestamp
);
-- Every URL fetched for a source, feed or page, with its fate: a page fetched once is
-- never fetched again (its HTML is kept in `file`); a feed is asked again conditionally.
CREATE TABLE IF NOT EXISTS fetched (
    url           VARCHAR PRIMARY KEY, -- as listed in the feed (or the feed's own URL)
    source        VARCHAR NOT NULL,    -- sources.name
    kind          VARCHAR NOT NULL,    -- feed or page
    final_url     VARCHAR,             -- after redirects
    status        INTEGER,             -- last HTTP status; NULL when no answer came
    etag          VARCHAR,
    last_modified VARCHAR,
    fetched_at    TIMESTAMP NOT NULL,
    attempts      INTEGER NOT NULL DEFAULT 1, -- passes that tried it (a transient failure is retried)
    reason        VARCHAR,             -- why it failed or was skipped; NULL when it worked
    retry         BOOLEAN NOT NULL DEFAULT false, -- a failure worth trying again next pass
    file          VARCHAR,             -- the pages JSONL file holding the page's HTML
    record_id     VARCHAR,             -- its "id" in that file
    listed_date   VARCHAR              -- the date the feed gave the page, if any
);
-- ---------------------------------------------------------------------------------
-- Derived tables: the analyses' results over the whole store, kept up to date by each
-- `process` run for the articles it changed (`dyadwatch stories --rebuild` recomputes them
-- all). They are never edited by hand; a copy of the store's articles (a benchmark's
-- replica) rebuilds them rather than copying them.
-- The state of each article when the analyses last saw it: a row that differs from
-- `articles` (stored again, removed, linked as a copy) is what the next update redoes.
CREATE TABLE IF NOT EXISTS analysed_articles (
    article_id   VARCHAR PRIMARY KEY,
    stored_at    TIMESTAMP NOT NULL,
    duplicate_of VARCHAR,
    source       VARCHAR NOT NULL  -- who reported it: the outlet, else the URL's host, else "unknown outlet" (analysis.sources)
);
-- Every event of an article that is not a copy belongs to exactly one story.
CREATE TABLE IF NOT EXISTS story_events (
    event_id    VARCHAR PRIMARY KEY,
    story_id    VARCHAR NOT NULL,
    article_id  VARCHAR NOT NULL,
    source_country VARCHAR,          -- analysis.dyads.country_of its source and target
    target_country VARCHAR,
    countries   VARCHAR[] NOT NULL,  -- the countries it concerns (its sides, else its sentence's)
    span_start  DATE,                -- the days it may have happened on (NULL: undated)
    span_end    DATE
);
CREATE TABLE IF NOT EXISTS stories (
    story_id       VARCHAR PRIMARY KEY,
    title          VARCHAR NOT NULL,
    dyad           VARCHAR,
    date           DATE,
    article_ids    VARCHAR[] NOT NULL,  -- earliest published first
    event_ids      VARCHAR[] NOT NULL,
    outlets        VARCHAR[] NOT NULL,
    articles       INTEGER NOT NULL,
    contested      BOOLEAN NOT NULL,
    contradictions VARCHAR NOT NULL     -- JSON list: {about, a, b}
);
-- Each sentence that names an actor, as framing reads it: its tone, the loaded terms it
-- uses, and the actors it names (one entry per mention).
CREATE TABLE IF NOT EXISTS framed_sentences (
    article_id     VARCHAR NOT NULL,
    sentence_index INTEGER NOT NULL,
    tone           DOUBLE NOT NULL,    -- VADER compound, -1 … +1
    terms          VARCHAR[] NOT NULL, -- loaded terms used (analysis/data/loaded_terms.tsv), one per use
    countries      VARCHAR[] NOT NULL, -- analysis.dyads.country_of each mention's code
    codes          VARCHAR[] NOT NULL  -- each mention's full code
);
-- ---------------------------------------------------------------------------------
-- Full-text search postings (store/search.py): written with each article, in the same
-- transaction, and deleted with it. `dyadwatch process` indexes any article lacking them.
-- One row per article and stemmed term; tf counts a title word TITLE_WEIGHT times.
CREATE TABLE IF NOT EXISTS search_terms (
    article_id  VARCHAR NOT NULL,
    term        VARCHAR NOT NULL,
    tf          INTEGER NOT NULL
);
-- One row per article indexed: its weighted number of indexed words (BM25's length).
CREATE TABLE IF NOT EXISTS search_docs (
    article_id  VARCHAR PRIMARY KEY,
    length      INTEGER NOT NULL
);
-- Pairs of near-duplicate articles (estimated Jaccard of their signatures at the bar of
-- clean/duplicates.py); `articles.duplicate_of` links each copy to the earliest of its group.
-- A run compares only the articles it stored with the rest.
CREATE TABLE IF NOT EXISTS duplicate_pairs (
    a VARCHAR NOT NULL,
    b VARCHAR NOT NULL,
    PRIMARY KEY (a, b)
);
