"""The analyses' aggregates in SQL: dyad series and trends, framing, the network.

What the dyad series counts (analysis/dyads.py says why): events told as done (asserted or alleged) of articles that
are not copies, between two different countries (or full codes), dated by the event or its
article (an act told as undated history, date_basis 'background', belongs to no period); of
one story's events with the same dyad and CAMEO root only the most confident. Countries come
from `story_events` (analysis.dyads.country_of, applied when the stories were written), so SQL
never re-derives them.
"""
from __future__ import annotations

from typing import Any, Callable, Sequence

import pyarrow as pa

from ..records import TOLD_AS_DONE

__all__ = ["Aggregates", "PERIOD_SQL", "DashboardQueries", "FORMULA_STARTS", "TOLD_AS_DONE_SQL"]

# records.TOLD_AS_DONE as SQL: events told as done, by the writer or by a speaker ("alleged")
TOLD_AS_DONE_SQL = f"e.modality IN ({', '.join(repr(m) for m in sorted(TOLD_AS_DONE))})"

# The period an event counts in, named as analysis.dyads names it (a week by its Monday).
PERIOD_SQL = {"day": "strftime(day, '%Y-%m-%d')", "week": "strftime(date_trunc('week', day), '%Y-%m-%d')",
              "month": "strftime(day, '%Y-%m')"}
# The order `Store.events()` lists events in: bootstrap draws follow it, so intervals stay put.
_EVENT_ORDER = "e.date NULLS LAST, e.article_id, e.sentence_index, e.char_start, e.code, e.event_id"


def _dyad_sql(full_codes: bool) -> str:
    a, b = ("e.source", "e.target") if full_codes else ("se.source_country", "se.target_country")
    return (f"CASE WHEN {a} IS NULL OR {b} IS NULL OR {a} = '' OR {b} = '' OR {a} = {b} THEN NULL "
            f"ELSE least({a}, {b}) || '-' || greatest({a}, {b}) END")


def counted_sql(*, full_codes: bool = False, count_reports: bool = False) -> str:
    """A query of the events the dyad series counts, with their `dyad` and `day`."""
    repeat = "" if count_reports else (
        "QUALIFY row_number() OVER (PARTITION BY se.story_id, dyad, e.root ORDER BY e.confidence DESC, "
        "coalesce(CAST(e.date AS VARCHAR), ''), e.event_id) = 1")
    return (f"SELECT e.*, {_dyad_sql(full_codes)} AS dyad, coalesce(e.date, CAST(a.published AS DATE)) AS day "
            "FROM events e JOIN articles a USING (article_id) JOIN story_events se USING (event_id) "
            f"WHERE {TOLD_AS_DONE_SQL} AND a.duplicate_of IS NULL AND dyad IS NOT NULL "
            "AND e.date_basis IS DISTINCT FROM 'background' "
            f"AND coalesce(e.date, CAST(a.published AS DATE)) IS NOT NULL {repeat}")


def _dyad_groups_sql(counted: str, where: str, *, by: str) -> str:
    """One row per dyad and period of the counted events `e` in `counted` that `where` keeps:
    counts, and the Goldstein scores in event order."""
    return (f"SELECT e.dyad, {PERIOD_SQL[by]} AS period, count(*) AS events, "
            "count_if(e.quad_class <= 2) AS cooperation, count_if(e.quad_class >= 3) AS conflict, "
            f"list(e.goldstein ORDER BY {_EVENT_ORDER}) AS scores "
            f"FROM {counted} {where} GROUP BY ALL ORDER BY dyad, period")


class Aggregates:
    """Mixed into `Store` (which provides `con` and `rows`)."""

    def dyad_groups(self, *, by: str = "month", dyad: str | None = None, full_codes: bool = False,
                    count_reports: bool = False) -> list[dict[str, Any]]:
        """One row per dyad and period: counts, and the Goldstein scores in event order."""
        where, params = ("WHERE dyad = ?", [dyad]) if dyad else ("", [])
        counted = f"({counted_sql(full_codes=full_codes, count_reports=count_reports)}) e"
        return self.rows(_dyad_groups_sql(counted, where, by=by), params)

    def dyad_scores(self, *, dyad: str | None = None, full_codes: bool = False,
                    count_reports: bool = False) -> dict[str, list[float]]:
        """Each dyad's counted Goldstein scores over its whole span, in event order."""
        where, params = ("WHERE dyad = ?", [dyad]) if dyad else ("", [])
        return {r["dyad"]: r["scores"] for r in self.rows(
            f"WITH counted AS ({counted_sql(full_codes=full_codes, count_reports=count_reports)}) "
            f"SELECT dyad, list(goldstein ORDER BY {_EVENT_ORDER.replace('e.', '')}) AS scores "
            f"FROM counted {where} GROUP BY dyad ORDER BY dyad", params)}

    def counted_event_ids(self, *, dyad: str, by: str, period: str | None = None) -> list[str]:
        """The events behind a dyad's series (one period's, if given)."""
        clause, params = ("AND period = ?", [period]) if period else ("", [])
        return [r["event_id"] for r in self.rows(
            f"SELECT event_id FROM (SELECT event_id, dyad, {PERIOD_SQL[by]} AS period FROM ({counted_sql()})) "
            f"WHERE dyad = ? {clause}", [dyad, *params])]

    def counted_events(self, *, dyad: str | None = None, per_dyad: int | None = None) -> list[dict[str, Any]]:
        """The events the series count, with their dyad; with `per_dyad`, only each dyad's latest."""
        where, params = ("WHERE dyad = ?", [dyad]) if dyad else ("", [])
        latest = (f"QUALIFY row_number() OVER (PARTITION BY dyad ORDER BY day DESC, event_id DESC) <= {int(per_dyad)}"
                  if per_dyad else "")
        return self.rows(f"SELECT * EXCLUDE (day) FROM ({counted_sql()}) {where} {latest} "
                         "ORDER BY date NULLS LAST, event_id", params)

    def framing_rows(self, *, full_codes: bool = False, min_mentions: int = 1) -> list[dict[str, Any]]:
        """Per outlet and actor: mentions, the summed tone (an exact sum: the same whatever the
        order) and the loaded terms of the sentences naming it, and its events as source by CAMEO
        root (all modalities; copies left out)."""
        named = "codes" if full_codes else "countries"
        source = "e.source" if full_codes else "se.source_country"
        return self.rows(
            "WITH named AS (SELECT x.source AS outlet, f.article_id, f.sentence_index, "
            f"  unnest(f.{named}) AS actor FROM framed_sentences f JOIN analysed_articles x USING (article_id) "
            "  WHERE x.duplicate_of IS NULL), "
            "counts AS (SELECT outlet, actor, count(*) AS mentions FROM named WHERE actor IS NOT NULL "
            "  GROUP BY outlet, actor HAVING count(*) >= ?), "
            "sentences AS (SELECT k.*, f.tone, f.terms FROM (SELECT DISTINCT outlet, actor, article_id, "
            "  sentence_index FROM named WHERE actor IS NOT NULL) k JOIN framed_sentences f "
            "  USING (article_id, sentence_index)), "
            "tones AS (SELECT outlet, actor, fsum(tone) AS tone_sum, count(*) AS sentences FROM sentences "
            "  GROUP BY outlet, actor), "
            "used AS (SELECT outlet, actor, term, count(*) AS n FROM "
            "  (SELECT outlet, actor, unnest(terms) AS term FROM sentences) GROUP BY ALL), "
            "terms AS (SELECT outlet, actor, list(term ORDER BY n DESC, term) AS terms, "
            "  list(n ORDER BY n DESC, term) AS uses FROM used GROUP BY outlet, actor), "
            f"roots AS (SELECT x.source AS outlet, {source} AS actor, e.root, count(*) AS n FROM events e "
            "  JOIN story_events se USING (event_id) JOIN analysed_articles x ON x.article_id = e.article_id "
            f"  WHERE {source} IS NOT NULL GROUP BY ALL), "
            "mix AS (SELECT outlet, actor, list(root ORDER BY root) AS roots, list(n ORDER BY root) AS root_events "
            "  FROM roots GROUP BY outlet, actor) "
            "SELECT c.outlet, c.actor, c.mentions, t.tone_sum, t.sentences, u.terms, u.uses, m.roots, m.root_events "
            "FROM counts c "
            "JOIN tones t USING (outlet, actor) LEFT JOIN terms u USING (outlet, actor) "
            "LEFT JOIN mix m USING (outlet, actor) ORDER BY lower(c.outlet), c.mentions DESC, c.actor, c.outlet",
            [min_mentions])

    def framing_texts(self, *, full_codes: bool = False) -> dict[tuple[str, str], list[str]]:
        """The distinct sentences naming each actor, per outlet (for a user's own terms table)."""
        named = "codes" if full_codes else "countries"
        return {(r["outlet"], r["actor"]): r["texts"] for r in self.rows(
            "SELECT outlet, actor, list(text) AS texts FROM (SELECT DISTINCT x.source AS outlet, "
            f"unnest(f.{named}) AS actor, s.text, f.article_id, f.sentence_index FROM framed_sentences f "
            "JOIN analysed_articles x USING (article_id) JOIN sentences s USING (article_id, sentence_index) "
            "WHERE x.duplicate_of IS NULL) WHERE actor IS NOT NULL GROUP BY outlet, actor")}

    def framing_sources(self, article_ids: Sequence[str]) -> list[dict[str, Any]]:
        """What framing reads of each sentence naming an actor, for the given articles (with the
        article's language, which tells the tone lexicon)."""
        with self._values("_ids", article_ids):
            return self.rows(
                "SELECT m.article_id, m.sentence_index, any_value(s.text) AS text, any_value(a.language) AS language, "
                "list(m.code ORDER BY m.char_start, m.char_end) AS codes FROM mentions m "
                "JOIN sentences s USING (article_id, sentence_index) LEFT JOIN articles a USING (article_id) "
                "WHERE m.article_id IN (SELECT value FROM _ids) GROUP BY m.article_id, m.sentence_index")

    def write_framed_sentences(self, rows: Sequence[dict[str, Any]], *, changed: Sequence[str],
                               rebuild: bool = False) -> None:
        with self._rewriting("framed_sentences", changed, everything=rebuild):
            self._insert("framed_sentences", pa.table({
                "article_id": pa.array([r["article_id"] for r in rows], pa.string()),
                "sentence_index": pa.array([r["sentence_index"] for r in rows], pa.int32()),
                "tone": pa.array([r["tone"] for r in rows], pa.float64()),
                "terms": pa.array([r["terms"] for r in rows], pa.list_(pa.string())),
                "countries": pa.array([r["countries"] for r in rows], pa.list_(pa.string())),
                "codes": pa.array([r["codes"] for r in rows], pa.list_(pa.string()))}))

    def dyad_evidence(self, *, dyad: str | None = None) -> list[dict[str, Any]]:
        """What each dyad's series rests on, in one scan of every report (a story's repeats
        included: each outlet that told it counts): per dyad and outlet, the reports and their
        mean Goldstein score; per dyad (outlet NULL), the distinct articles, outlets and stories,
        and the stories whose reports of this dyad come from several articles."""
        where, params = ("AND dyad = ?", [dyad]) if dyad else ("", [])
        return self.rows(
            f"WITH counted AS ({counted_sql(count_reports=True)}), "
            "r AS (SELECT c.dyad, x.source AS outlet, c.article_id, c.goldstein, se.story_id FROM counted c "
            f"  JOIN analysed_articles x USING (article_id) JOIN story_events se USING (event_id) WHERE TRUE {where}), "
            "told AS (SELECT dyad, story_id, count(DISTINCT article_id) AS articles FROM r GROUP BY ALL) "
            "SELECT r.dyad, r.outlet, count(*) AS reports, round(avg(r.goldstein), 3) AS goldstein, "
            "count(DISTINCT r.article_id) AS articles, count(DISTINCT r.outlet) AS outlets, "
            "count(DISTINCT r.story_id) AS stories, "
            "count(DISTINCT r.story_id) FILTER (WHERE t.articles > 1) AS multi_article_stories "
            "FROM r JOIN told t USING (dyad, story_id) "
            "GROUP BY GROUPING SETS ((r.dyad, r.outlet), (r.dyad)) ORDER BY r.dyad, r.outlet NULLS FIRST", params)

    def undated_events(self, *, dyad: str | None = None) -> dict[str, int]:
        """Events the dyad series would count but cannot place in a period (neither the event
        nor its article has a date), and the articles they come from."""
        where, params = ("AND dyad = ?", [dyad]) if dyad else ("", [])
        events, articles = self.con.execute(
            f"SELECT count(*), count(DISTINCT article_id) FROM (SELECT e.event_id, e.article_id, "
            f"{_dyad_sql(False)} AS dyad FROM events e JOIN articles a USING (article_id) "
            f"JOIN story_events se USING (event_id) WHERE {TOLD_AS_DONE_SQL} AND a.duplicate_of IS NULL "
            "AND e.date_basis IS DISTINCT FROM 'background' AND e.date IS NULL AND a.published IS NULL "
            "QUALIFY row_number() OVER (PARTITION BY se.story_id, dyad, e.root ORDER BY e.confidence DESC, "
            f"e.event_id) = 1) WHERE dyad IS NOT NULL {where}", params).fetchone()
        return {"events": events, "articles": articles}

# -- the dashboard's filtered read queries ----------------------------------------------
# Each takes a WHERE clause with its parameters (web.data.EventFilter.sql, over events `e`,
# articles `a` and story_events `se`) and lets DuckDB do the grouping. `x` is analysed_articles:
# who reported an article when it names no outlet.

_OUTLET = "coalesce(a.outlet, x.source, 'unknown outlet')"
_EVENTS = ("events e JOIN articles a ON a.article_id = e.article_id "
           "LEFT JOIN story_events se ON se.event_id = e.event_id "
           "LEFT JOIN analysed_articles x ON x.article_id = a.article_id")
_ARTICLES = "articles a LEFT JOIN analysed_articles x ON x.article_id = a.article_id"


def _counted_with_articles(*, full_codes: bool = False, count_reports: bool = False) -> str:
    """The events the dyad series count (each happening once, or each report), with their
    articles and countries."""
    return (f"({counted_sql(full_codes=full_codes, count_reports=count_reports)}) e "
            "JOIN articles a ON a.article_id = e.article_id JOIN story_events se ON se.event_id = e.event_id")


def _counted_events() -> str:
    """The events the dyad series count, each report once per outlet (an outlet's tone is its own)."""
    return (_counted_with_articles(count_reports=True) +
            " LEFT JOIN analysed_articles x ON x.article_id = a.article_id")


# A spreadsheet runs a cell starting with one of these as a formula: a CSV cell so starting gets a "'" first.
FORMULA_STARTS = ("=", "+", "@", "\t", "\r")


def _csv_columns(columns: Sequence[str | tuple[str, str]]) -> str:
    """A CSV's select list: a (text expression, name) pair is a text cell (see FORMULA_STARTS),
    a plain string a column as it is."""
    starts = ", ".join(str(ord(c)) for c in FORMULA_STARTS)  # as ascii() gives a text's first character
    return ", ".join(column if isinstance(column, str) else
                     f"CASE WHEN ascii({column[0]}) IN ({starts}) THEN chr(39) || {column[0]} "
                     f"ELSE {column[0]} END AS {column[1]}" for column in columns)


def _copy_csv(query: str, path: str) -> str:
    """DuckDB's own CSV writer over a query: a header row, then the rows in the query's order."""
    quoted = path.replace("'", "''")
    return f"COPY ({query}) TO '{quoted}' (FORMAT csv, HEADER, DELIMITER ',')"


class DashboardQueries:
    """What the dashboard's filtered pages count, run through `rows(sql, params)` (the
    dashboard's: a cursor per call, so request threads never share one). The big CSV tables
    are written by DuckDB itself to a file, through `execute(sql, params)`."""

    def __init__(self, rows: Callable[[str, Sequence[Any]], list[dict[str, Any]]],
                 execute: Callable[[str, Sequence[Any]], None]) -> None:
        self.rows = rows
        self.execute = execute

    def article_volume(self, where: str, params: Sequence[Any], *, by: str = "month") -> list[dict[str, Any]]:
        """Articles per period (of publication) and outlet; undated articles left out."""
        return self.rows(
            f"SELECT strftime(date_trunc('{_TRUNC[by]}', a.published), '%Y-%m-%d') AS period, {_OUTLET} AS outlet, "
            f"count(*) AS articles FROM {_ARTICLES} {_and(where, 'a.published IS NOT NULL')} "
            "GROUP BY ALL ORDER BY period, outlet", params)

    def event_volume(self, where: str, params: Sequence[Any], *, by: str = "month") -> list[dict[str, Any]]:
        """Events per period (the event's day, else its article's) and outlet; undated left out."""
        day = "coalesce(e.date, CAST(a.published AS DATE))"
        return self.rows(
            f"SELECT strftime(date_trunc('{_TRUNC[by]}', {day}), '%Y-%m-%d') AS period, {_OUTLET} AS outlet, "
            f"count(*) AS events FROM {_EVENTS} {_and(where, f'{day} IS NOT NULL')} "
            "GROUP BY ALL ORDER BY period, outlet", params)

    def outlet_articles(self, where: str, params: Sequence[Any]) -> list[dict[str, Any]]:
        """Per outlet: articles, copies among them, first and last day published."""
        return self.rows(
            f"SELECT {_OUTLET} AS outlet, count(*) AS articles, count(a.duplicate_of) AS copies, "
            "CAST(min(a.published) AS DATE) AS first, CAST(max(a.published) AS DATE) AS last "
            f"FROM {_ARTICLES} {where} GROUP BY ALL ORDER BY articles DESC, outlet", params)

    def outlet_events(self, where: str, params: Sequence[Any]) -> list[dict[str, Any]]:
        """Per outlet: events coded (all modalities), those told as done (asserted or alleged), mean
        Goldstein of those."""
        return self.rows(
            f"SELECT {_OUTLET} AS outlet, count(*) AS events, count_if({TOLD_AS_DONE_SQL}) AS asserted, "
            f"round(avg(e.goldstein) FILTER (WHERE {TOLD_AS_DONE_SQL}), 3) AS tone "
            f"FROM {_EVENTS} {where} GROUP BY ALL ORDER BY outlet", params)

    def outlet_dyad_tone(self, where: str, params: Sequence[Any]) -> list[dict[str, Any]]:
        """Per outlet and dyad, over the events the series count (each outlet's reports, copies
        left out): articles, events, mean Goldstein, cooperative and conflictual events."""
        return self.rows(
            f"SELECT {_OUTLET} AS outlet, e.dyad, count(DISTINCT e.article_id) AS articles, count(*) AS events, "
            "round(avg(e.goldstein), 3) AS tone, count_if(e.quad_class <= 2) AS cooperation, "
            f"count_if(e.quad_class >= 3) AS conflict FROM {_counted_events()} {where} "
            "GROUP BY ALL ORDER BY e.dyad, events DESC, outlet", params)

    def dyad_groups(self, where: str, params: Sequence[Any], *, dyad: str, by: str = "month") -> list[dict[str, Any]]:
        """`Aggregates.dyad_groups` of one dyad, over its counted events matching the filter."""
        return self.rows(_dyad_groups_sql(_counted_with_articles(), _and(where, "e.dyad = ?"), by=by),
                         [*params, dyad])

    def dyad_totals(self, where: str, params: Sequence[Any]) -> list[dict[str, Any]]:
        """Per dyad, over the counted events matching the filter (each happening once)."""
        return self.rows(
            f"SELECT e.dyad, count(*) AS events, round(avg(e.goldstein), 3) AS tone, "
            "count_if(e.quad_class <= 2) AS cooperation, count_if(e.quad_class >= 3) AS conflict "
            f"FROM {_counted_with_articles()} {where} GROUP BY ALL ORDER BY events DESC, e.dyad", params)

    def network_edges(self, where: str, params: Sequence[Any], *, level: str = "country") -> list[dict[str, Any]]:
        """Counted events between two actors (countries, or full codes) matching the filter: count
        and mean Goldstein."""
        return self.rows(
            "SELECT split_part(e.dyad, '-', 1) AS a, split_part(e.dyad, '-', 2) AS b, count(*) AS events, "
            f"round(avg(e.goldstein), 3) AS tone FROM {_counted_with_articles(full_codes=level != 'country')} "
            f"{where} GROUP BY e.dyad ORDER BY 1, 2", params)

    def story_rows(self, where: str, params: Sequence[Any], *, min_articles: int = 1, contested: bool | None = None,
                   limit: int | None = None, offset: int = 0) -> tuple[int, list[dict[str, Any]]]:
        """Stored stories with an event matching the filter, in `stored_stories(contested_first=True)`
        order, and how many there are in all."""
        condition, values = _story_condition(where, params, min_articles=min_articles, contested=contested)
        total = self.rows(f"SELECT count(*) AS n FROM stories s WHERE {condition}", values)[0]["n"]
        page = f" LIMIT {int(limit)} OFFSET {int(offset)}" if limit is not None else ""
        return total, self.rows(
            f"SELECT s.* FROM stories s WHERE {condition} ORDER BY {_STORY_ORDER}{page}", values)

    def event_csv(self, where: str, params: Sequence[Any], path: str) -> None:
        """Every matching event as the timeline's CSV, newest first, written to `path`: who
        reported it (the outlet, else who the analyses say reported it)."""
        columns = _csv_columns([("e.event_id", "event_id"), "e.date", ("e.source", "source"), ("e.target", "target"),
                                ("e.code", "code"), "e.goldstein", ("e.modality", "modality"),
                                ("e.evidence", "evidence"), (_OUTLET, "reported_by"), ("e.article_id", "article_id"),
                                ("e.place", "place"), ("e.place_country", "place_country"), "e.lat", "e.lon"])
        self.execute(_copy_csv(
            f"SELECT {columns} FROM {_EVENTS} {where} "
            "ORDER BY coalesce(e.date, CAST(a.published AS DATE)) DESC NULLS LAST, e.article_id, e.char_start, "
            "e.code, e.event_id", path), params)

    def story_csv(self, where: str, params: Sequence[Any], path: str, *, min_articles: int = 1,
                  contested: bool | None = None) -> None:
        """Every matching story as the stories CSV (lists joined with '; '), in `story_rows` order,
        written to `path`."""
        condition, values = _story_condition(where, params, min_articles=min_articles, contested=contested)
        columns = _csv_columns([("s.story_id", "story_id"), ("s.title", "title"), ("s.dyad", "dyad"), "s.date",
                                "s.articles", ("array_to_string(s.outlets, '; ')", "outlets"), "s.contested",
                                "json_array_length(s.contradictions) AS contradictions",
                                ("array_to_string(s.article_ids, '; ')", "article_ids")])
        self.execute(_copy_csv(f"SELECT {columns} FROM stories s WHERE {condition} ORDER BY {_STORY_ORDER}", path),
                     values)

    def place_counts(self, where: str, params: Sequence[Any]) -> list[dict[str, Any]]:
        """Events with a location, per place: its country, coordinates, count, mean Goldstein."""
        return self.rows(
            "SELECT e.place, any_value(e.place_country) AS place_country, round(avg(e.lat), 4) AS lat, "
            "round(avg(e.lon), 4) AS lon, count(*) AS events, round(avg(e.goldstein), 3) AS tone "
            f"FROM {_EVENTS} {_and(where, 'e.lat IS NOT NULL AND e.lon IS NOT NULL AND e.place IS NOT NULL')} "
            "GROUP BY e.place ORDER BY events DESC, e.place", params)


_TRUNC = {"day": "day", "week": "week", "month": "month"}
# Stories as `stored_stories(contested_first=True)` lists them: contested, then several reports, newest.
_STORY_ORDER = "s.contested DESC, s.articles > 1 DESC, s.date DESC NULLS LAST, s.story_id DESC"


def _story_condition(where: str, params: Sequence[Any], *, min_articles: int,
                     contested: bool | None) -> tuple[str, list[Any]]:
    """Stories `s` with at least `min_articles` reports, contested or not, and an event matching `where`."""
    clauses, values = ["s.articles >= ?"], [min_articles]
    if contested is not None:
        clauses.append("s.contested = ?")
        values.append(contested)
    if where:
        clauses.append(f"s.story_id IN (SELECT se.story_id FROM {_EVENTS} {where})")
        values += list(params)
    return " AND ".join(clauses), values


def _and(where: str, condition: str) -> str:
    return f"{where} AND {condition}" if where else f"WHERE {condition}"
