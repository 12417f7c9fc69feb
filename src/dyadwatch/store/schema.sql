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
    stored_at   TIMESTAMP NOT NULL  -- when the run that wrote it started
);
-- MinHash signature of each body, kept so near-duplicates are found across runs.
CREATE TABLE IF NOT EXISTS signatures (
    article_id  VARCHAR PRIMARY KEY,
    signature   UBIGINT[] NOT NULL
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
    rule           VARCHAR NOT NULL
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
