"""read_inputs on real files: folders, kinds, JSONL records, and quarantine of bad input."""
import gzip
import json
import shutil
from pathlib import Path

from dyadwatch.ingest import read_inputs
from dyadwatch.records import Quarantined, RawDocument, content_id

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "caucasus"


def test_example_folder_is_read_in_sorted_order_with_content_ids():
    docs = list(read_inputs([EXAMPLES]))
    articles = [d for d in docs if isinstance(d, RawDocument)]
    assert len(articles) == len(list(EXAMPLES.glob("*.txt"))) == 5
    assert [Path(d.path).name for d in articles] == sorted(Path(d.path).name for d in articles)
    for doc in articles:
        assert doc.kind == "text"
        assert doc.doc_id == content_id(doc.text)
        assert doc.text == Path(doc.path).read_text(encoding="utf-8")


def test_kinds_hidden_files_notes_and_nested_folders(tmp_path):
    shutil.copy(EXAMPLES / "000_265bb5512f582eec.txt", tmp_path / "a.txt")
    (tmp_path / "sub").mkdir()
    page = "<!DOCTYPE html><html><body><article><p>Text of the page.</p></article></body></html>"
    (tmp_path / "sub" / "page.html").write_text(page, encoding="utf-8")
    (tmp_path / "sub" / "saved.htm.gz").write_bytes(gzip.compress(page.encode("utf-8")))
    (tmp_path / "sub" / "looks_html.txt").write_text(page, encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("secret", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_text("ref", encoding="utf-8")
    (tmp_path / "README.md").write_text("Where these articles came from.", encoding="utf-8")
    docs = list(read_inputs([tmp_path]))
    assert all(isinstance(d, RawDocument) for d in docs)
    by_name = {Path(d.path).name: d for d in docs}
    assert set(by_name) == {"a.txt", "looks_html.txt", "page.html", "saved.htm.gz"}
    assert by_name["a.txt"].kind == "text"
    assert by_name["page.html"].kind == by_name["saved.htm.gz"].kind == by_name["looks_html.txt"].kind == "html"
    assert by_name["saved.htm.gz"].text == page
    # A note named explicitly is read: only folder walks skip notes.
    assert [d.path for d in read_inputs([tmp_path / "README.md"])] == [str(tmp_path / "README.md")]


def test_russian_files_in_legacy_encodings(tmp_path):
    text = "Пашинян прибыл в Москву. Лавров заявил, что Россия уважает выбор Еревана."
    (tmp_path / "a_cp1251.txt").write_bytes(text.encode("cp1251"))
    (tmp_path / "b_koi8.txt").write_bytes(text.encode("koi8_r"))
    (tmp_path / "c_bom.txt").write_bytes(text.encode("utf-8-sig"))
    docs = list(read_inputs([tmp_path]))
    assert [d.text for d in docs] == [text, text, text]
    assert [d.encoding for d in docs] == ["cp1251", "koi8_r", "utf-8-sig"]


def test_jsonl_records_and_bad_lines(tmp_path):
    lines = [
        json.dumps({"id": "a1", "text": "Pashinyan arrived in Moscow on Tuesday.", "url": "https://civilnet.am/x", "date": "2025-05-07"}),
        "{not json",
        json.dumps({"id": "b2"}),
        json.dumps({"text": "no id here"}),
        "",
        json.dumps({"id": 7, "html": "<html><body><p>Hello there, this is a page.</p></body></html>"}),
        json.dumps(["a", "list"]),
    ]
    dump = tmp_path / "dump.jsonl"
    dump.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs = list(read_inputs([dump]))
    assert [type(d).__name__ for d in docs] == ["RawDocument", "Quarantined", "Quarantined", "Quarantined",
                                                "RawDocument", "Quarantined"]
    first, bad_json, no_text, no_id, page, not_object = docs
    assert first.path == f"{dump}#a1" and first.record_id == "a1"
    assert first.url == "https://civilnet.am/x" and first.published == "2025-05-07"
    assert first.doc_id == content_id("Pashinyan arrived in Moscow on Tuesday.")
    assert "not valid JSON" in bad_json.reason and bad_json.path == f"{dump}:2"
    assert no_text.path == f"{dump}#b2" and '"text" or "html"' in no_text.reason
    assert 'no "id"' in no_id.reason
    assert page.kind == "html" and page.path == f"{dump}#7"
    assert "not a JSON object" in not_object.reason


def test_a_records_lang_is_its_declared_language(tmp_path):
    lines = [json.dumps({"id": "r1", "text": "Стартовал международный конкурс The Best of Blogs.", "lang": "ru-RU"}),
             json.dumps({"id": "r2", "text": "Pashinyan arrived in Moscow on Tuesday.", "lang": ""}),
             json.dumps({"id": "r3", "text": "Pashinyan arrived in Moscow on Tuesday.", "lang": "Russian"}),
             json.dumps({"id": "r4", "text": "Pashinyan arrived in Moscow on Tuesday.", "lang": 7})]
    dump = tmp_path / "pages.jsonl"
    dump.write_text("\n".join(lines) + "\n", encoding="utf-8")
    declared, undeclared, word, number = read_inputs([dump])
    assert declared.language == "ru" and undeclared.language is None
    for bad, given in ((word, "'Russian'"), (number, "7")):
        assert isinstance(bad, Quarantined) and bad.reason.startswith(f'line {bad.path[-1]} has a bad "lang": {given} '
                                                                       "is not a language code"), bad.reason


def test_bad_files_are_quarantined_and_the_batch_goes_on(tmp_path):
    (tmp_path / "a_empty.txt").write_bytes(b"")
    (tmp_path / "b_image.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01")
    (tmp_path / "c_broken.html.gz").write_bytes(b"\x1f\x8b\x08\x00broken")
    (tmp_path / "d_good.txt").write_text("Aliyev met Putin in Moscow on Monday.", encoding="utf-8")
    docs = list(read_inputs([tmp_path, tmp_path / "missing.txt"]))
    reasons = {Path(d.path).name: d.reason for d in docs if isinstance(d, Quarantined)}
    assert reasons["a_empty.txt"] == "empty file"
    assert "JPEG" in reasons["b_image.jpg"]
    assert "gzip" in reasons["c_broken.html.gz"]
    assert reasons["missing.txt"] == "no such file or directory"
    assert [Path(d.path).name for d in docs if isinstance(d, RawDocument)] == ["d_good.txt"]
