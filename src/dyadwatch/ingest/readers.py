"""Find input files and read them into RawDocuments, or Quarantined records with a reason.

Kinds by extension: HTML pages (.html/.htm/.xhtml, optionally gzipped), JSONL
dumps (.jsonl/.ndjson, one record a line) and everything else as plain text
(a text file whose content is plainly an HTML page is read as HTML).
"""
from __future__ import annotations

import gzip
import json
import os
import zlib
from pathlib import Path
from typing import Iterable, Iterator

from ..records import Quarantined, RawDocument, content_id
from .decoding import DecodeError, decode_bytes

__all__ = ["read_inputs", "iter_files", "read_file", "read_jsonl_text"]

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
# Notes that sit beside articles in a folder (where they came from, licences):
# skipped when a directory is walked, read when named explicitly.
_FOLDER_NOTES = {"README", "LICENSE", "LICENCE", "NOTICE", "NOTES", "SOURCES", "CHANGELOG", "MANIFEST"}
# A file larger than this is not one article; refuse it rather than fill memory.
MAX_BYTES = 64 * 1024 * 1024


def read_inputs(paths: Iterable[str | Path]) -> Iterator[RawDocument | Quarantined]:
    """Every article in `paths` (files or directories, walked recursively in sorted
    order), as RawDocuments; anything unreadable as a Quarantined record. Never raises
    for bad input: the batch goes on."""
    for path in iter_files(paths):
        if isinstance(path, Quarantined):
            yield path
        else:
            try:
                yield from read_file(path)
            except Exception as err:  # a reader bug must not stop the batch either
                yield Quarantined(str(path), f"unexpected error while reading: {type(err).__name__}: {err}")


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path | Quarantined]:
    for given in paths:
        path = Path(given)
        if path.is_dir():
            yield from _walk(path)
        elif path.is_file():
            yield path
        elif path.exists():
            yield Quarantined(str(path), "not a regular file")
        else:
            yield Quarantined(str(path), "no such file or directory")


def _walk(root: Path) -> Iterator[Path | Quarantined]:
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError as err:
        yield Quarantined(str(root), f"cannot list directory: {err.strerror or err}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue  # hidden files and folders (.git, .DS_Store, editor backups)
        path = Path(entry.path)
        try:
            if entry.is_dir(follow_symlinks=False):
                yield from _walk(path)
            elif entry.is_file() and not _is_folder_note(path):
                yield path
        except OSError as err:
            yield Quarantined(str(path), f"cannot read: {err.strerror or err}")


def _is_folder_note(path: Path) -> bool:
    return path.name.split(".")[0].upper() in _FOLDER_NOTES


def _kind_of(path: Path) -> tuple[str, bool]:
    """('html' | 'jsonl' | 'text', gzipped?) from the file name."""
    suffixes = [s.lower() for s in path.suffixes]
    gzipped = bool(suffixes) and suffixes[-1] == ".gz"
    if gzipped:
        suffixes = suffixes[:-1]
    last = suffixes[-1] if suffixes else ""
    if last in HTML_SUFFIXES:
        return "html", gzipped
    if last in JSONL_SUFFIXES:
        return "jsonl", gzipped
    return "text", gzipped


def read_file(path: Path) -> Iterator[RawDocument | Quarantined]:
    """The documents of one file (one, or one per JSONL record)."""
    kind, gzipped = _kind_of(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            yield Quarantined(str(path), f"too large for one article ({size} bytes; limit {MAX_BYTES})")
            return
        data = path.read_bytes()
        if gzipped:
            data = gzip.decompress(data)
    except (OSError, EOFError, zlib.error) as err:
        reason = getattr(err, "strerror", None) or str(err)
        yield Quarantined(str(path), f"cannot read{' gzip' if gzipped else ''} file: {reason}")
        return
    try:
        text, encoding = decode_bytes(data)
    except DecodeError as err:
        yield Quarantined(str(path), str(err))
        return
    if kind == "jsonl":
        yield from read_jsonl_text(text, str(path))
        return
    if kind == "text" and _looks_like_html(text):
        kind = "html"
    yield RawDocument(doc_id=content_id(text), path=str(path), kind=kind, text=text, encoding=encoding)


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) and "<html" in text[:2000].lower()


def read_jsonl_text(text: str, path: str) -> Iterator[RawDocument | Quarantined]:
    """One RawDocument per JSONL record `{"id", "text"|"html", "url"?, "date"?}`.
    A bad line is quarantined as FILE#ID (or FILE:LINE when it has no id)."""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            yield Quarantined(where, f"line {number} is not valid JSON: {err.msg} at column {err.colno}")
            continue
        yield record_to_document(record, path=path, line=number)


def record_to_document(record: object, *, path: str, line: int | None = None) -> RawDocument | Quarantined:
    """A JSONL record as a RawDocument (path FILE#ID), or Quarantined with the reason."""
    where = f"{path}:{line}" if line is not None else path
    label = f"line {line}" if line is not None else "record"
    if not isinstance(record, dict):
        return Quarantined(where, f"{label} is not a JSON object")
    record_id = record.get("id")
    if record_id is None or isinstance(record_id, (dict, list)) or str(record_id) == "":
        return Quarantined(where, f'{label} has no "id"')
    record_id = str(record_id)
    where = f"{path}#{record_id}"
    if isinstance(record.get("html"), str) and record["html"].strip():
        kind, text = "html", record["html"]
    elif isinstance(record.get("text"), str) and record["text"].strip():
        kind, text = "text", record["text"]
    else:
        return Quarantined(where, f'{label} has no "text" or "html" (or it is empty)')
    url = record.get("url")
    date = record.get("date")
    return RawDocument(
        doc_id=content_id(text), path=where, kind=kind, text=text, encoding="utf-8",
        url=url if isinstance(url, str) and url.strip() else None,
        record_id=record_id,
        published=str(date) if date not in (None, "") else None,
    )
