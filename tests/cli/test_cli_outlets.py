"""Naming outlets: `process --outlet NAME`, a dyadwatch-outlets.tsv in the working directory
(folder, file pattern or URL host -> outlet), and what is never an outlet (a file name, a hash,
a footer line). The CLI runs in a subprocess on the real examples and an eval page."""
from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from dyadwatch.analysis import source_label
from dyadwatch.clean import clean_document, extract_record
from dyadwatch.ingest import read_inputs
from support import EXAMPLES, jsonl, run_cli

OUTLET_PAGES = Path(__file__).parents[1] / "clean" / "fixtures" / "outlets"
FOOTER_PAGE = OUTLET_PAGES / "0ec95c7261d122f304728e90c983450ef1ce1e0b423546835c397d50aaf0d0f2.html.gz"


def outlets_of(db: Path) -> dict[str, str | None]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {Path(path).name: outlet for path, outlet in con.execute("SELECT path, outlet FROM articles").fetchall()}


def corpus(tmp_path: Path) -> Path:
    """The five examples, in two folders as a user might keep them."""
    root = tmp_path / "news"
    for n, page in enumerate(sorted(EXAMPLES.glob("*.txt"))):
        folder = root / ("armenia" if n in (0, 2, 4) else "other")
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy(page, folder / page.name)
    return root


def test_outlet_option_names_every_file_of_the_run(tmp_path):
    root = corpus(tmp_path)
    run_cli("process", str(root), "--db", str(tmp_path / "s.duckdb"), "--outlet", "Azatutyun")
    assert set(outlets_of(tmp_path / "s.duckdb").values()) == {"Azatutyun"}


def test_an_outlets_file_in_the_working_directory(tmp_path):
    root = corpus(tmp_path)
    (tmp_path / "dyadwatch-outlets.tsv").write_text(
        "# kind\tpattern\toutlet\n"
        "file\t004_*.txt\tNews.am\n"  # the first rule that matches wins
        "folder\tnews/armenia\tCivilNet\n"
        "host\tthemoscowtimes.com\tMoscow Times (English)\n", encoding="utf-8")
    run_cli("process", "news", "--db", "s.duckdb", cwd=tmp_path)
    found = outlets_of(tmp_path / "s.duckdb")
    assert found["004_baccdb6574d61fde.txt"] == "News.am"
    assert found["000_265bb5512f582eec.txt"] == found["002_5a73aa714b079444.txt"] == "CivilNet"
    assert found["001_06b957513f3cc91e.txt"] == "Moscow Times (English)"  # the file wins over the page's URL
    assert found["003_e65edd7e38db7478.txt"] == "Caliber.Az"  # no rule: what the page says
    # --outlet wins over the file
    run_cli("process", "news", "--db", "s.duckdb", "--force", "--outlet", "Hetq", cwd=tmp_path)
    assert set(outlets_of(tmp_path / "s.duckdb").values()) == {"Hetq"}


def test_a_bad_row_names_the_file_and_line(tmp_path):
    corpus(tmp_path)
    (tmp_path / "rules.tsv").write_text("host\tcivilnet.am\tCivilNet\nsite\tfoo\tBar\n", encoding="utf-8")
    result = run_cli("process", "news", "--db", "s.duckdb", "--outlets", "rules.tsv", cwd=tmp_path, check=False)
    assert result.returncode == 2
    assert "rules.tsv:2: unknown kind 'site' (folder, file or host)" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "s.duckdb").exists()
    (tmp_path / "dyadwatch-outlets.tsv").write_text("folder\tnews\n", encoding="utf-8")
    result = run_cli("process", "news", "--db", "s.duckdb", cwd=tmp_path, check=False)
    assert result.returncode == 2 and "dyadwatch-outlets.tsv:1: expected three tab-separated fields" in result.stderr


def test_a_footer_line_is_no_outlet():
    """A Korean entertainment page whose only outlet line is "EnterMedia.co.kr. All right reserved"
    (shared/eval extraction-dev): an unknown name in a footer is not an outlet."""
    (raw,) = list(read_inputs([FOOTER_PAGE]))
    article = clean_document(raw)
    assert article.outlet is None
    assert source_label({"outlet": article.outlet, "url": article.url, "path": article.path}) == "unknown outlet"


def test_no_outlet_shown_is_a_file_name_or_a_hash(processed_db):
    rows = jsonl(run_cli("articles", "--db", str(processed_db), "--format", "jsonl").stdout)
    labels = {source_label(r) for r in rows}
    assert labels == {"CivilNet", "The Moscow Times", "Caliber.Az", "unknown outlet"}
    # an older store's outlet that is a file name, a hash or a footer line is not shown either
    assert source_label({"outlet": "004_baccdb6574d61fde.txt", "path": "004_baccdb6574d61fde.txt"}) == "unknown outlet"
    assert source_label({"outlet": "a" * 64, "url": "https://www.civilnet.am/x"}) == "civilnet.am"
    assert source_label({"outlet": "EnterMedia.co.kr. All right reserved"}) == "unknown outlet"


def test_a_site_name_that_is_a_common_word_or_a_share_service_is_no_outlet(tmp_path):
    """Real pages (shared/eval extraction-dev) through `process`: "Hosted" (hosted.ap.org) and
    "Experience" (expapp.com) are common words naming neither site, so the page's host stands;
    "Digg" on digg.com is Digg's own article."""
    run_cli("process", str(OUTLET_PAGES), "--db", str(tmp_path / "s.duckdb"))
    found = {name[:8]: outlet for name, outlet in outlets_of(tmp_path / "s.duckdb").items()}
    assert found == {"0ec95c72": None, "e7994d55": "hosted.ap.org", "4648a420": "expapp.com", "680c2848": "Digg"}


def _page(site: str | None) -> str:
    meta = f'<meta property="og:site_name" content="{site}">' if site else ""
    return (f"<html><head><title>Talks</title>{meta}</head><body><article><p>"
            + "Armenian and Russian officials met in Moscow on Monday to discuss gas prices and transit. " * 4
            + "</p></article></body></html>")


@pytest.mark.parametrize("site, url, outlet", [
    ("Hosted", "https://hosted.example.org/a/1", "hosted.example.org"),  # a common word, not the site's name
    ("experience", None, None),
    ("Wired", "https://www.wired.com/story/x", "Wired"),  # a common word that is the site's own name
    ("Mint", "https://www.livemint.com/news/x", "Mint"),
    ("Reddit", "https://news.example.org/a", "news.example.org"),  # a share service, on another site
    ("Digg", "https://digg.com/2019/x", "Digg"),  # on its own site
    ("CNN", None, "CNN"), ("AppleInsider", None, "AppleInsider"), ("The Sun", None, "The Sun"),  # names, as brands write them
    ("Autoracing | F1 | Indy | MotoGP", None, "Autoracing"),  # a name and the site's sections
])
def test_which_site_names_are_outlets(site, url, outlet):
    record = {"id": "p", "html": _page(site), **({"url": url} if url else {})}
    assert extract_record(record)["outlet"] == outlet
