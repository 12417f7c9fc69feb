"""Turn a file's bytes into text, choosing the encoding from the bytes themselves.

Order of evidence: a byte-order mark; strict UTF-8 (which almost never decodes
text that is not UTF-8); a charset the HTML itself declares; then the legacy
single-byte encodings our sources use (Windows-1251, KOI8-R, Windows-1252,
Latin-1). Detectors are easily fooled by short Cyrillic texts, so each candidate
decoding is scored for plausibility (letter case inside words, script mixing,
common-letter frequency, mojibake symbols) and the most plausible one wins.
"""
from __future__ import annotations

import codecs
import re

__all__ = ["DecodeError", "decode_bytes", "binary_kind"]


class DecodeError(ValueError):
    """The bytes are not text we can read; the message says why, for a human."""


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Magic numbers of binary formats people drop into article folders by mistake.
_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable"),
    (b"RIFF", "a media file"),
    (b"OggS", "a media file"),
    (b"ID3", "an MP3 file"),
)

_LEGACY_CANDIDATES = ("cp1251", "koi8_r", "cp1252", "latin_1")

# The ten most frequent Russian letters: about 60 % of the letters of real text,
# far fewer in a wrong Cyrillic decoding (which permutes the alphabet).
_COMMON_RUSSIAN = set("оеаинтсрвл")
# Symbols that turn up when Cyrillic bytes are read as Windows-1252 or Latin-1.
_MOJIBAKE_SYMBOLS = set("ÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞßðñòóôõö÷øùúûüýþÿ¸¨ª¿º³²¼½¾¤¦§¬®¯°±µ¶·¹")
_WORD = re.compile(r"[^\W\d_]+")
_DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def binary_kind(data: bytes) -> str | None:
    """Name the binary format of `data`, or None when it may be text."""
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return name
    head = data[:8192]
    if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "binary data (contains NUL bytes)"
    return None


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode `data`; returns (text, encoding name). Raises DecodeError with a reason."""
    if not data.strip():
        raise DecodeError("empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(encoding), encoding)
            except UnicodeDecodeError as err:
                raise DecodeError(f"starts with a {encoding} byte-order mark but does not decode as {encoding}: {err.reason}") from None
    kind = binary_kind(data)
    if kind:
        raise DecodeError(f"not text: {kind}")
    try:
        return _checked(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    candidates: list[tuple[str, str]] = []
    declared = _declared_charset(data)
    if declared:
        try:
            candidates.append((data.decode(declared), declared))
        except (LookupError, UnicodeDecodeError):
            pass
    for encoding in _LEGACY_CANDIDATES:
        try:
            candidates.append((data.decode(encoding), encoding))
        except UnicodeDecodeError:
            continue
    detected = _charset_normalizer_guess(data)
    if detected and all(detected != enc for _, enc in candidates):
        try:
            candidates.append((data.decode(detected), detected))
        except (LookupError, UnicodeDecodeError):
            pass
    # A declared charset wins ties: the page knows its own encoding best.
    best_text, best_encoding = max(candidates, key=lambda c: plausibility(c[0]) + (0.01 if c[1] == declared else 0.0))
    return _checked(best_text, best_encoding)


def plausibility(text: str) -> float:
    """How much `text` looks like real writing: about +1 per well-formed word, negative for mojibake."""
    score = 0.0
    words = _WORD.findall(text[:20000])
    for word in words:
        cyrillic = sum(1 for ch in word if "\u0400" <= ch <= "\u04ff")
        latin = sum(1 for ch in word if ch.isascii())
        other = len(word) - cyrillic - latin
        if cyrillic and (latin or other):
            score -= 3  # mixed scripts inside one word: a wrong code page
        elif cyrillic:
            score += 1 if _case_plausible(word) else -1
            score += 0.5 * (sum(1 for ch in word.lower() if ch in _COMMON_RUSSIAN) / len(word) - 0.35) * len(word)
        elif other:
            # Accented letters come one or two in a Latin word; runs of them are mojibake.
            mojibake = sum(1 for ch in word if ch in _MOJIBAKE_SYMBOLS)
            if other > latin or mojibake >= 2:
                score -= 2
            else:
                score += 1
        else:
            score += 1 if _case_plausible(word) else 0
    symbols = sum(1 for ch in text[:20000]
                  if ch in "¤¦§¬®¯°±µ¶·¹ЂЃЉЊЌЋЏђѓљњќћџЈ‡‰†ˆ‹›" or "\x80" <= ch <= "\x9f")
    return score - 2 * symbols


def _case_plausible(word: str) -> bool:
    rest = word[1:]
    return len(word) == 1 or rest.islower() or word.isupper()


def _declared_charset(data: bytes) -> str | None:
    match = _DECLARED.search(data[:4096])
    if not match:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None


def _charset_normalizer_guess(data: bytes) -> str | None:
    """charset-normalizer's guess, as one more candidate for encodings outside our list."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # optional help, not a requirement
        return None
    best = from_bytes(data[:65536]).best()
    return best.encoding if best is not None else None


# Below 32, every character but tab, line feed, vertical tab, form feed and carriage return.
_CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0e-\x1f]")


def _checked(text: str, encoding: str) -> tuple[str, str]:
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise DecodeError("empty file (nothing but whitespace)")
    sample = text[:8192]
    controls = len(_CONTROL_CHARACTERS.findall(sample))
    if controls > max(4, len(sample) // 100):
        raise DecodeError(f"not text: {controls} control characters in the first {len(sample)} characters")
    return text, encoding
