"""Find input files and read them into RawDocuments, or Quarantined records with a reason.

Kinds by extension: HTML pages (.html/.htm/.xhtml, optionally gzipped), JSONL
dumps (.jsonl/.ndjson, one record a line) and everything else as plain text
(a text file whose content is plainly an HTML page is read as HTML).
"""
from __future__ import annotations

import gzip
import io
import json
import os
import zlib
from pathlib import Path
from typing import Iterable, Iterator

from ..records import Quarantined, RawDocument, content_id, language_code
from .decoding import DecodeError, decode_bytes

__all__ = ["read_inputs", "iter_files", "read_file", "read_jsonl_text", "declared_language"]

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
# Notes that sit beside articles in a folder (where they came from, licences):
# skipped when a directory is walked, read when named explicitly.
_FOLDER_NOTES = {"README", "LICENSE", "LICENCE", "NOTICE", "NOTES", "SOURCES", "CHANGELOG", "MANIFEST"}
# A document larger than this is not one article (a dump, a log, a mis-saved binary):
# refuse it rather than fill memory. JSONL files are read a line at a time and may be
# any size; the limit applies to each record.
MAX_DOCUMENT_BYTES = 5 * 1024 * 1024


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


def _walk(root: Path, seen: set[tuple[int, int]] | None = None) -> Iterator[Path | Quarantined]:
    """Files under `root` in sorted order. Symbolic links to folders are followed
    once: a folder already walked (a link loop, or two links to one place) is skipped."""
    seen = set() if seen is None else seen
    try:
        stat = root.stat()
        if (stat.st_dev, stat.st_ino) in seen:
            return
        seen.add((stat.st_dev, stat.st_ino))
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError as err:
        yield Quarantined(str(root), f"cannot list directory: {err.strerror or err}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue  # hidden files and folders (.git, .DS_Store, editor backups)
        path = Path(entry.path)
        try:
            if entry.is_symlink() and not path.exists():
                yield Quarantined(str(path), "broken symbolic link: its target does not exist")
            elif entry.is_dir():
                yield from _walk(path, seen)
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


def read_file(path: Path, *, max_bytes: int = MAX_DOCUMENT_BYTES) -> Iterator[RawDocument | Quarantined]:
    """The documents of one file (one, or one per JSONL record)."""
    kind, gzipped = _kind_of(path)
    if kind == "jsonl":
        yield from _read_jsonl_file(path, gzipped=gzipped, max_bytes=max_bytes)
        return
    try:
        size = path.stat().st_size
        if size > max_bytes and not gzipped:
            yield Quarantined(str(path), f"too large for one article ({_size(size)}; limit {_size(max_bytes)}, "
                                         "set with --max-size)")
            return
        data = path.read_bytes()
        if gzipped:
            # Read at most one byte past the limit: a small gzip can hide a huge page.
            data = gzip.GzipFile(fileobj=io.BytesIO(data)).read(max_bytes + 1)
            if len(data) > max_bytes:
                yield Quarantined(str(path), f"too large for one article once unpacked (over {_size(max_bytes)})")
                return
    except (OSError, EOFError, zlib.error) as err:
        reason = getattr(err, "strerror", None) or str(err)
        yield Quarantined(str(path), f"cannot read{' gzip' if gzipped else ''} file: {reason}")
        return
    try:
        text, encoding = decode_bytes(data)
    except DecodeError as err:
        yield Quarantined(str(path), str(err))
        return
    if kind == "text" and _looks_like_html(text):
        kind = "html"
    yield RawDocument(doc_id=content_id(text), path=str(path), kind=kind, text=text, encoding=encoding)


def _size(n: int) -> str:
    return f"{n / 2**20:.1f} MB" if n >= 2**20 else f"{n:,} bytes"


def _read_jsonl_file(path: Path, *, gzipped: bool, max_bytes: int) -> Iterator[RawDocument | Quarantined]:
    """A JSONL dump streamed a line at a time, so its size does not matter."""
    try:
        handle = gzip.open(path, "rb") if gzipped else open(path, "rb")
    except OSError as err:
        yield Quarantined(str(path), f"cannot read file: {err.strerror or err}")
        return
    seen_any = False
    try:
        with handle:
            for number, raw_line in enumerate(handle, start=1):
                if not raw_line.strip():
                    continue
                seen_any = True
                if len(raw_line) > max_bytes:
                    yield Quarantined(f"{path}:{number}", f"line {number} is too large for one article "
                                                          f"({_size(len(raw_line))}; limit {_size(max_bytes)})")
                    continue
                try:
                    line = raw_line.decode("utf-8-sig" if number == 1 else "utf-8")
                except UnicodeDecodeError:
                    try:
                        line, _ = decode_bytes(raw_line)
                    except DecodeError as err:
                        yield Quarantined(f"{path}:{number}", f"line {number}: {err}")
                        continue
                yield parse_jsonl_line(line, str(path), number)
    except (OSError, EOFError, zlib.error) as err:
        yield Quarantined(str(path), f"cannot read file past what was read: {getattr(err, 'strerror', None) or err}")
        return
    if not seen_any:
        yield Quarantined(str(path), "empty file: no JSONL records")


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) and "<html" in text[:2000].lower()


def read_jsonl_text(text: str, path: str) -> Iterator[RawDocument | Quarantined]:
    """One RawDocument per JSONL record `{"id", "text"|"html", "url"?, "date"?, "lang"?}`.
    A bad line is quarantined as FILE#ID (or FILE:LINE when it has no id)."""
    # Only "\n" ends a record: U+2028 and friends may stand raw inside JSON strings.
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            yield parse_jsonl_line(line, path, number)


def parse_jsonl_line(line: str, path: str, number: int) -> RawDocument | Quarantined:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        return Quarantined(f"{path}:{number}", f"line {number} is not valid JSON: {err.msg} at column {err.colno}")
    return record_to_document(record, path=path, line=number)


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
    try:
        language = declared_language(record.get("lang"))
    except ValueError as err:
        return Quarantined(where, f'{label} has a bad "lang": {err}')
    return RawDocument(
        doc_id=content_id(text), path=where, kind=kind, text=text, encoding="utf-8",
        url=url if isinstance(url, str) and url.strip() else None,
        record_id=record_id,
        published=str(date) if date not in (None, "") else None,
        language=language,
    )


def declared_language(value: object) -> str | None:
    """A record's "lang" (the language its outlet writes in, as `fetch` records it) as an ISO
    639-1 code; None when it gives none. Raises ValueError for what is no language code."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return language_code(value)
