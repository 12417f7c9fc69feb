"""The briefing's claims follow its evidence: headlines need several events from several
articles, words follow the 90% interval, outlets are compared, undated events are counted."""
from __future__ import annotations

import re

from support import run_cli, store_with_events


def _headlines(md: str) -> str:
    return md[md.index("## Headlines"):md.index("## Outlets compared")]


def test_examples_headline_only_dyads_with_several_events(processed_db, tmp_path):
    out = tmp_path / "b.md"
    run_cli("report", "--db", str(processed_db), "--out", str(out))
    md = out.read_text(encoding="utf-8")
    heads = _headlines(md)
    headlined = re.findall(r"^- \*\*([A-Z]{3}-[A-Z]{3})\*\* is \*\*(\w+)\*\*: .*?from (\d+) counted events .*? in (\d+) articles",
                           heads, re.M)
    assert headlined and ("ARM-RUS" in [h[0] for h in headlined])
    for name, word, events, articles in headlined:
        assert int(events) >= 3 and int(articles) >= 2, name
    # AZE-RUS rests on one article: listed below, not headlined
    assert re.search(r"\d+ dyads? with less evidence (is|are) listed below, not headlined", heads)
    assert re.search(r"^- AZE-RUS: \d+ counted events in 1 article", heads, re.M)
    # ARM-RUS's interval spans zero: no negative or positive word
    arm = re.search(r"\*\*ARM-RUS\*\* is \*\*(\w+)\*\*: index \S+ \(90% interval (\S+) … (\S+)\)", heads)
    assert float(arm[2]) < 0 < float(arm[3]) and arm[1] in ("mixed", "unclear")
    # the CivilNet article has no date: its events are counted and said
    assert re.search(r"\*\*(\d+) events from 1 undated article are not in the series\*\*", heads)
    assert re.search(r"\*\*\d+ stories, \d+ reported by several articles\*\*", heads)
    # outlets compared: each outlet of ARM-RUS with its reports and mean Goldstein, and who contradicts whom
    section = md[md.index("## Outlets compared"):md.index("## Relations")]
    assert "### ARM-RUS" in section and "| Caliber.Az | " in section and "| The Moscow Times | " in section
    assert re.search(r"Told differently: .+ \(.+ vs .+\)", section)
    html_out = tmp_path / "b.html"
    run_cli("report", "--db", str(processed_db), "--out", str(html_out))
    html = html_out.read_text(encoding="utf-8")
    assert 'id="outlets-ARM-RUS"' in html and 'id="undated"' in html and 'id="not-headlined"' in html


def test_interval_words_and_threshold_on_a_constructed_store(tmp_path):
    db = tmp_path / "built.duckdb"
    # ARM-RUS: conflict and cooperation in six articles, an interval across zero; AZE-TUR: one event.
    scores = [-6.0, -5.0, -4.0, 3.0, 4.0, -2.0]
    events = [{"date": f"2025-03-{n + 1:02d}", "source": "ARMGOV", "target": "RUSGOV", "root": "17" if g < 0 else "05",
               "quad_class": 4 if g < 0 else 1, "goldstein": g, "modality": "asserted", "article_id": f"a{n}"}
              for n, g in enumerate(scores)]
    events.append({"date": "2025-03-02", "source": "AZEGOV", "target": "TURGOV", "root": "04", "quad_class": 1,
                   "goldstein": 1.0, "modality": "asserted", "article_id": "z0"})
    store_with_events(db, events).close()
    out = tmp_path / "b.md"
    run_cli("report", "--db", str(db), "--out", str(out))
    heads = _headlines(out.read_text(encoding="utf-8"))
    arm = re.search(r"\*\*ARM-RUS\*\* is \*\*(\w+)\*\*: index (\S+) \(90% interval (\S+) … (\S+)\)", heads)
    assert arm, heads
    assert float(arm[2]) < 0 and float(arm[3]) < 0 < float(arm[4])  # a negative index, an interval across zero
    assert arm[1] == "unclear" and "strained" not in heads and "hostile" not in heads
    assert "**AZE-TUR**" not in heads and re.search(r"^- AZE-TUR: 1 counted event in 1 article", heads, re.M)
    assert "1 dyad with less evidence is listed below, not headlined" in heads
    assert "undated" not in heads  # every event has a date


def test_relation_words_follow_the_interval():
    from dyadwatch.report.briefing import RELATION_WORDS, relation_word

    assert relation_word(-1.04, -2.98, 0.45) == "unclear"
    assert relation_word(-0.3, -1.0, 0.5) == "mixed"
    assert relation_word(-2.0, -3.0, -1.0) == "strained" and relation_word(-6.0, -7.0, -5.0) == "hostile"
    assert relation_word(2.0, 0.5, 3.0) == "cooperative" and relation_word(6.0, 5.5, 7.0) == "close"
    assert set(RELATION_WORDS) == {"hostile", "strained", "mixed", "unclear", "cooperative", "close"}


def test_the_headline_minimum_is_set_on_the_command_line(tmp_path):
    """--headline-events and --headline-articles move the bar a relation must clear to be headlined."""
    db = tmp_path / "built.duckdb"
    # ARM-RUS: four events in four articles; AZE-TUR: two events in one article.
    events = [{"date": f"2025-03-{n + 1:02d}", "source": "ARMGOV", "target": "RUSGOV", "quad_class": 1,
               "goldstein": 3.0, "modality": "asserted", "article_id": f"a{n}", "root": f"0{n + 1}"} for n in range(4)]
    events += [{"date": "2025-03-02", "source": "AZEGOV", "target": "TURGOV", "root": root, "quad_class": 1,
                "goldstein": 1.0, "modality": "asserted", "article_id": "z0"} for root in ("04", "05")]
    store_with_events(db, events).close()

    def headlined(*flags: str) -> tuple[list[str], str]:
        out = tmp_path / "b.md"
        run_cli("report", "--db", str(db), "--out", str(out), *flags)
        heads = _headlines(out.read_text(encoding="utf-8"))
        return re.findall(r"^- \*\*([A-Z]{3}-[A-Z]{3})\*\* is ", heads, re.M), heads

    assert headlined()[0] == ["ARM-RUS"]  # the default: 3 events from 2 articles
    assert headlined("--headline-articles", "1", "--headline-events", "2")[0] == ["ARM-RUS", "AZE-TUR"]
    names, heads = headlined("--headline-events", "5")
    assert names == [] and "No relation rests on 5 counted events from 2 articles or more" in heads
    bad = run_cli("report", "--db", str(db), "--out", str(tmp_path / "c.md"), "--headline-events", "0", check=False)
    assert bad.returncode == 2 and "--headline-events" in bad.stderr and "Traceback" not in bad.stderr
