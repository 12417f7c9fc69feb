"""Near-duplicate linking on real articles: syndicated copies link, separate reports of one event do not."""
import random
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from dyadwatch.clean import clean_document
from dyadwatch.clean.duplicates import body_signature, link_near_duplicates
from dyadwatch.records import RawDocument, content_id

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "caucasus"


def body_of(prefix: str) -> str:
    (path,) = EXAMPLES.glob(f"{prefix}_*.txt")
    text = path.read_text(encoding="utf-8")
    return clean_document(RawDocument(doc_id=content_id(text), path=str(path), kind="text", text=text)).body


@pytest.fixture(scope="module")
def bodies() -> dict[str, str]:
    return {prefix: body_of(prefix) for prefix in ("000", "002", "003", "004")}


def syndicated(body: str) -> str:
    """004 as another site republishes it: its own furniture, another headline, the lede
    rewritten, two paragraphs left out, a few typos and straight quotes."""
    paragraphs = body.split("\n\n")
    paragraphs[0] = ("Relations between Armenia and Russia are being dismantled step by step, "
                     "with Yerevan now openly confronting Moscow, an analysis argues.")
    del paragraphs[6], paragraphs[2]
    text = "\n\n".join(paragraphs)
    text = (text.replace("strategic partnership", "strategic partnershp")
                .replace("bilateral relations", "bilateral relatoins")
                .replace("’", "'"))
    return ("News.am | Politics | Society | Economy\n"
            "Analyst: Yerevan has chosen open confrontation with Moscow\n"
            "Photo: Armenpress\n\n" + text +
            "\n\nShare on Facebook\nFollow us on Telegram\n© 2026 News.am. All rights reserved.")


def test_signature_is_stable_across_processes(bodies):
    here = body_signature(bodies["004"])
    assert len(here) == 128 and len(set(here)) > 100
    # Another interpreter with another string-hash seed must give the same values, or stored
    # signatures could not be compared with new ones.
    code = ("import sys, json; from dyadwatch.clean.duplicates import body_signature; "
            "print(json.dumps(body_signature(sys.stdin.read())))")
    out = subprocess.run([sys.executable, "-c", code], input=bodies["004"], capture_output=True, text=True,
                         check=True, env={"PYTHONHASHSEED": "12345", "PATH": ""})
    assert [int(v) for v in out.stdout.strip("[]\n").split(", ")] == here
    assert len(body_signature(bodies["004"], num_perm=64)) == 64
    assert body_signature("") == [] and body_signature(" — … ") == []


def test_syndicated_copy_links_to_the_earlier_original(bodies):
    copy = syndicated(bodies["004"])
    links = link_near_duplicates([
        ("copy", datetime(2026, 2, 18, 9, 0), body_signature(copy)),
        ("original", datetime(2026, 2, 17, 19, 40), body_signature(bodies["004"])),
        ("other", datetime(2026, 2, 7, 17, 0), body_signature(bodies["003"])),
    ])
    assert links == {"copy": "original"}


def test_separate_reports_of_one_event_do_not_link(bodies):
    # 003 and 004 both report Simonyan's visit to Moscow; 000 and 002 both Pashinyan's trips
    # to Russia. Different outlets, different words: separate reports, counted apart later.
    items = [(prefix, None, body_signature(body)) for prefix, body in bodies.items()]
    assert link_near_duplicates(items, threshold=0.2) == {}


def test_an_article_quoting_another_does_not_link(bodies):
    # 000 quotes two sentences of 003 word for word: still a different article.
    passage = " ".join(bodies["003"].split()[40:85])
    quoting = bodies["000"] + f"\n\nAs Caliber.az put it: “{passage}”"
    links = link_near_duplicates([("003", None, body_signature(bodies["003"])),
                                  ("000-quoting", None, body_signature(quoting))])
    assert links == {}


def test_clusters_are_transitive_and_do_not_depend_on_input_order(bodies):
    original = bodies["004"]
    paragraphs = original.split("\n\n")
    first_copy = syndicated(original)
    shortened = "\n\n".join(paragraphs[:-1])  # a re-scrape that lost the last paragraph
    items = [
        ("b-copy", datetime(2026, 2, 18), body_signature(first_copy)),
        ("c-undated", None, body_signature(shortened)),
        ("a-original", datetime(2026, 2, 17, 19, 40), body_signature(original)),
        ("z-same-time", datetime(2026, 2, 17, 19, 40), body_signature(original)),
        ("separate", datetime(2026, 1, 1), body_signature(bodies["003"])),
    ]
    expected = {"b-copy": "a-original", "c-undated": "a-original", "z-same-time": "a-original"}
    for seed in range(5):
        shuffled = items[:]
        random.Random(seed).shuffle(shuffled)
        assert link_near_duplicates(shuffled) == expected
    # Undated articles sort last: with only undated copies, the id decides.
    undated = [(name, None, signature) for name, _, signature in items if name != "separate"]
    assert set(link_near_duplicates(undated).values()) == {"a-original"}


def test_threshold_decides_and_bad_input_is_refused(bodies):
    # Half of the article: about 0.5 Jaccard to the whole; linked at a low bar, not at a high one.
    paragraphs = bodies["004"].split("\n\n")
    half = "\n\n".join(paragraphs[: len(paragraphs) // 2])
    items = [("a-whole", None, body_signature(bodies["004"])), ("b-half", None, body_signature(half))]
    assert link_near_duplicates(items, threshold=0.3) == {"b-half": "a-whole"}
    assert link_near_duplicates(items, threshold=0.8) == {}
    # Empty bodies carry no evidence and never link.
    assert link_near_duplicates([("e1", None, []), ("e2", None, [])]) == {}
    with pytest.raises(ValueError):
        link_near_duplicates([("a", None, body_signature(half)), ("b", None, body_signature(half, num_perm=64))])
    with pytest.raises(ValueError):
        link_near_duplicates([("a", None, body_signature(half)), ("a", None, body_signature(half))])
