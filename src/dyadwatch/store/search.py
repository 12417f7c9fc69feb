"""The search index kept in the store: postings written with the articles, BM25 in SQL.

Each article's title and body are cut into words (runs of letters, marks, digits and `_`,
lower-cased, accents stripped), common English function words dropped, and each word
stemmed by the Porter stemmer of DuckDB's fts extension (`stem(word, 'porter')`, as the
in-memory fts index did). A title word counts `TITLE_WEIGHT` times, so an article about a thing ranks
above one that mentions it. Two tables hold the result:

- `search_terms(article_id, term, tf)`: one row per article and stemmed term;
- `search_docs(article_id, length)`: one row per article indexed, with its weighted number
  of indexed words (0 for an article with none; the row says it was indexed).

`Store.write_tables` writes them for the articles it stores, in the same transaction, and
deletes them with the article. A query is tokenised and stemmed by the same SQL, and ranked
by BM25 (k1 = 1.2, b = 0.75, the fts extension's idf) in one statement: document frequencies,
the number of documents and their average length all come from the tables at query time.

A store written before these tables existed has no postings: `fill_search_index` (run by
`dyadwatch process`) indexes every article lacking them. The stemmer comes from the registry
package `duckdb-extension-fts`, loaded by path; without it nothing is indexed, and the
dashboard falls back to its in-memory search.
"""
from __future__ import annotations

from importlib import resources

import duckdb
import pyarrow as pa

from .transactions import roll_back

__all__ = ["fts_extension_path", "load_stemmer", "index_articles", "fill_search_index", "search_index_ready",
           "search_postings", "TITLE_WEIGHT", "K1", "B"]

TITLE_WEIGHT = 3
K1, B = 1.2, 0.75
STEMMER = "porter"
SEPARATOR = r"[^\pL\pM\pN_]+"  # RE2: what is not a letter, mark, digit or _ (Python's \W, near enough)

# Common English function words: too common to tell articles apart, left out of the index.
STOPWORDS = tuple(sorted(set("""
a about above after again against all am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has have
having he her here hers herself him himself his how i if in into is it its itself just me more most
my myself no nor not now of off on once only or other our ours ourselves out over own same she
should so some such than that the their theirs them themselves then there these they this those
through to too under until up very was we were what when where which while who whom why will with
would you your yours yourself yourselves s t d ll m re ve
""".split())))

_STOP_SQL = "[" + ", ".join(f"'{w}'" for w in STOPWORDS) + "]"


def _words(text_sql: str) -> str:
    """SQL: the words of a text expression, lower-cased, as a list (with '' at the ends)."""
    return f"string_split_regex(lower(coalesce({text_sql}, '')), '{SEPARATOR}')"


def _term(word_sql: str) -> str:
    """SQL: the indexed term of a word from `_words` ('' for none). Accents are stripped
    per word, not per text: far cheaper, the same result."""
    return f"stem(strip_accents({word_sql}), '{STEMMER}')"


def _kept(word_sql: str) -> str:
    """SQL: whether a word from `_words` is indexed at all."""
    return f"({word_sql} <> '' AND strip_accents({word_sql}) NOT IN (SELECT unnest({_STOP_SQL})))"


def fts_extension_path() -> str | None:
    """The fts extension binary shipped by `duckdb-extension-fts` for this duckdb version, if installed."""
    try:
        root = resources.files("duckdb_extension_fts")
    except ModuleNotFoundError:
        return None
    path = root.joinpath("extensions", f"v{duckdb.__version__}", "fts.duckdb_extension")
    return str(path) if path.is_file() else None


def load_stemmer(con: duckdb.DuckDBPyConnection) -> bool:
    """Load the fts extension (for `stem`) into the connection's database; False when it cannot be."""
    extension = fts_extension_path()
    if not extension:
        return False
    try:
        con.execute(f"LOAD '{extension}'")
    except duckdb.Error:
        return False
    return True


def index_articles(con: duckdb.DuckDBPyConnection, articles: pa.Table | str) -> bool:
    """Write the postings of `articles` (an Arrow table, or the name of a relation, with
    article_id, title and body), none of which may be indexed already. Runs inside the
    caller's transaction. False, and nothing written, when the stemmer is not installed."""
    if not load_stemmer(con):
        return False
    source = articles
    if isinstance(articles, pa.Table):
        source = "_search_articles"
        con.register(source, articles.select(["article_id", "title", "body"]))
    try:
        # Each distinct word is stemmed once (`stem` and `strip_accents` are the dear steps),
        # then the articles' words are counted by term. Two statements: in one, DuckDB pushes
        # the filters on the stem below the DISTINCT, to every word of every article.
        con.execute("CREATE OR REPLACE TEMP TABLE _search_words AS "
                    f"SELECT DISTINCT unnest({_words('title')} || {_words('body')}) AS word FROM {source}")
        con.execute("CREATE OR REPLACE TEMP TABLE _search_vocabulary AS "
                    f"SELECT word, term FROM (SELECT word, {_term('word')} AS term FROM _search_words "
                    f"WHERE {_kept('word')}) WHERE term <> ''")
        con.execute(
            "CREATE OR REPLACE TEMP TABLE _search_postings AS "
            "SELECT w.article_id, v.term, sum(w.weight)::INTEGER AS tf FROM ("
            f" SELECT article_id, unnest({_words('title')}) AS word, {TITLE_WEIGHT} AS weight FROM {source}"
            f" UNION ALL SELECT article_id, unnest({_words('body')}) AS word, 1 AS weight FROM {source}) w "
            "JOIN _search_vocabulary v USING (word) GROUP BY w.article_id, v.term")
        con.execute("INSERT INTO search_terms (article_id, term, tf) SELECT article_id, term, tf FROM _search_postings")
        con.execute("INSERT INTO search_docs (article_id, length) "
                    "SELECT a.article_id, coalesce(sum(p.tf), 0)::INTEGER FROM "
                    f"(SELECT DISTINCT article_id FROM {source}) a "
                    "LEFT JOIN _search_postings p USING (article_id) GROUP BY a.article_id")
        con.execute("DROP TABLE _search_postings")
        con.execute("DROP TABLE _search_vocabulary")
        con.execute("DROP TABLE _search_words")
    finally:
        if isinstance(articles, pa.Table):
            con.unregister(source)
    return True


def fill_search_index(con: duckdb.DuckDBPyConnection, *, batch: int = 2000) -> int:
    """Index every stored article that has no postings yet (a store written before the
    search tables existed); how many were. A transaction per `batch` articles, so memory
    stays bounded and an interrupted fill resumes where it stopped."""
    if fts_extension_path() is None:
        return 0
    missing = [r[0] for r in con.execute("SELECT article_id FROM articles WHERE article_id NOT IN "
                                         "(SELECT article_id FROM search_docs) ORDER BY article_id").fetchall()]
    for start in range(0, len(missing), batch):
        ids = pa.table({"article_id": pa.array(missing[start:start + batch], pa.string())})
        con.begin()
        try:
            con.register("_search_ids", ids)
            con.execute("CREATE OR REPLACE TEMP TABLE _search_missing AS SELECT article_id, title, body FROM articles "
                        "WHERE article_id IN (SELECT article_id FROM _search_ids)")
            con.unregister("_search_ids")
            if not index_articles(con, "_search_missing"):
                roll_back(con)
                return start
            con.execute("DROP TABLE _search_missing")
            con.commit()
        except BaseException:
            roll_back(con)
            raise
    return len(missing)


def search_index_ready(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the store's postings cover every article and the stemmer loads (read-only is fine)."""
    tables = {r[0] for r in con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' AND database_name = current_database() "
        "AND table_name IN ('search_terms', 'search_docs')").fetchall()}
    if tables != {"search_terms", "search_docs"}:
        return False
    missing = con.execute("SELECT count(*) FROM articles WHERE article_id NOT IN "
                          "(SELECT article_id FROM search_docs)").fetchone()[0]
    return missing == 0 and load_stemmer(con)


_QUERY = f"""
WITH q AS (
    SELECT DISTINCT term FROM (
        SELECT {_term('word')} AS term FROM (SELECT unnest({_words('?')}) AS word) WHERE {_kept('word')})
    WHERE term <> ''),
corpus AS (SELECT count(*)::DOUBLE AS n, avg(length)::DOUBLE AS avgdl FROM search_docs),
p AS (SELECT article_id, term, tf FROM search_terms WHERE term IN (SELECT term FROM q)),
df AS (SELECT term, count(*)::DOUBLE AS df FROM p GROUP BY term)
SELECT p.article_id,
       sum(ln((corpus.n - df.df + 0.5) / (df.df + 0.5) + 1)
           * p.tf * ({K1} + 1) / (p.tf + {K1} * (1 - {B} + {B} * d.length / greatest(corpus.avgdl, 1)))) AS score
FROM p JOIN df USING (term) JOIN search_docs d USING (article_id) CROSS JOIN corpus
GROUP BY p.article_id
ORDER BY score DESC, p.article_id
LIMIT ?
"""


def search_postings(con: duckdb.DuckDBPyConnection, query: str, limit: int) -> list[tuple[str, float]]:
    """(article_id, BM25 score), best first, for the articles holding any of the query's words.
    The stemmer must be loaded (`search_index_ready`)."""
    return [(a, float(s)) for a, s in con.execute(_QUERY, [query, int(limit)]).fetchall()]
