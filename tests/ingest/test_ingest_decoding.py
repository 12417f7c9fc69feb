"""Decoding is detected from the bytes: every encoding our sources use, written as real bytes."""
import pytest

from dyadwatch.ingest import DecodeError, decode_bytes

RUSSIAN = "Премьер-министр Армении Никол Пашинян прибыл в Москву для участия в параде."
RUSSIAN_SHORT = "МОСКВА, 7 февраля"
WESTERN = "Café talks in Genève: the envoy’s “naïve” remarks drew a rebuke — again."


@pytest.mark.parametrize("text", [RUSSIAN, RUSSIAN_SHORT, "Лавров заявил, что Россия уважает выбор Еревана."])
@pytest.mark.parametrize("encoding", ["cp1251", "koi8_r"])
def test_cyrillic_single_byte_encodings_are_told_apart(text, encoding):
    decoded, detected = decode_bytes(text.encode(encoding))
    assert decoded == text
    assert detected == encoding


def test_windows_1252_punctuation_and_accents():
    decoded, detected = decode_bytes(WESTERN.encode("cp1252"))
    assert decoded == WESTERN
    assert detected == "cp1252"


def test_latin1_without_windows_punctuation():
    text = "Le président a visité Erevan et Bakou en été."
    decoded, _ = decode_bytes(text.encode("latin-1"))
    assert decoded == text


@pytest.mark.parametrize("encoding,name", [("utf-8-sig", "utf-8-sig"), ("utf-16", "utf-16"), ("utf-8", "utf-8")])
def test_unicode_with_and_without_bom(encoding, name):
    decoded, detected = decode_bytes((RUSSIAN + "\n" + WESTERN).encode(encoding))
    assert decoded == RUSSIAN + "\n" + WESTERN
    assert detected == name
    assert not decoded.startswith("\ufeff")


def test_declared_html_charset_is_used():
    page = '<html><head><meta charset="windows-1251"></head><body><p>' + RUSSIAN + "</p></body></html>"
    decoded, detected = decode_bytes(page.encode("cp1251"))
    assert RUSSIAN in decoded
    assert detected == "cp1251"


@pytest.mark.parametrize("data,reason", [
    (b"", "empty"),
    (b"   \n\n  ", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3", "PDF"),
    (b"abc\x00\x01\x02def" * 10, "NUL"),
])
def test_what_is_not_text_is_refused_with_a_reason(data, reason):
    with pytest.raises(DecodeError, match=reason):
        decode_bytes(data)
