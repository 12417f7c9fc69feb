"""The analyses' aggregates in SQL: dyad series and trends, framing, the network.

What the dyad series counts (analysis/dyads.py says why): asserted events of articles that
are not copies, between two different countries (or full codes), dated by the event or its
article (an act told as undated history, date_basis 'background', belongs to no period); of
one story's events with the same dyad and CAMEO root only the most confident. Countries come
from `story_events` (analysis.dyads.country_of, applied when the stories were written), so SQL
never re-derives them.
"""
from __future__ import annotations

from typing import Any, Sequence

import pyarrow as pa

__all__ = ["Aggregates", "PERIOD_SQL"]

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
            "WHERE e.modality = 'asserted' AND a.duplicate_of IS NULL AND dyad IS NOT NULL "
            "AND e.date_basis IS DISTINCT FROM 'background' "
            f"AND coalesce(e.date, CAST(a.published AS DATE)) IS NOT NULL {repeat}")


class Aggregates:
    """Mixed into `Store` (which provides `con` and `rows`)."""

    def dyad_groups(self, *, by: str = "month", dyad: str | None = None, full_codes: bool = False,
                    count_reports: bool = False) -> list[dict[str, Any]]:
        """One row per dyad and period: counts, and the Goldstein scores in event order."""
        where, params = ("WHERE dyad = ?", [dyad]) if dyad else ("", [])
        return self.rows(
            f"WITH counted AS ({counted_sql(full_codes=full_codes, count_reports=count_reports)}) "
            f"SELECT dyad, {PERIOD_SQL[by]} AS period, count(*) AS events, "
            "count_if(quad_class <= 2) AS cooperation, count_if(quad_class >= 3) AS conflict, "
            f"list(goldstein ORDER BY {_EVENT_ORDER.replace('e.', '')}) AS scores "
            f"FROM counted e {where} GROUP BY ALL ORDER BY dyad, period", params)

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

    def network_edges(self, *, level: str = "country") -> list[dict[str, Any]]:
        """Counted events between two actors (countries, or full codes): count and mean Goldstein."""
        return self.rows(
            f"WITH counted AS ({counted_sql(full_codes=level != 'country')}) "
            "SELECT split_part(dyad, '-', 1) AS a, split_part(dyad, '-', 2) AS b, count(*) AS events, "
            "round(avg(goldstein), 3) AS tone FROM counted GROUP BY dyad ORDER BY a, b")

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
        """What framing reads of each sentence naming an actor, for the given articles."""
        with self._values("_ids", article_ids):
            return self.rows(
                "SELECT m.article_id, m.sentence_index, any_value(s.text) AS text, "
                "list(m.code ORDER BY m.char_start, m.char_end) AS codes FROM mentions m "
                "JOIN sentences s USING (article_id, sentence_index) WHERE m.article_id IN (SELECT value FROM _ids) "
                "GROUP BY m.article_id, m.sentence_index")

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
            "JOIN story_events se USING (event_id) WHERE e.modality = 'asserted' AND a.duplicate_of IS NULL "
            "AND e.date_basis IS DISTINCT FROM 'background' AND e.date IS NULL AND a.published IS NULL "
            "QUALIFY row_number() OVER (PARTITION BY se.story_id, dyad, e.root ORDER BY e.confidence DESC, "
            f"e.event_id) = 1) WHERE dyad IS NOT NULL {where}", params).fetchone()
        return {"events": events, "articles": articles}
