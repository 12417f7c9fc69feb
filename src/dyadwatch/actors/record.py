"""The stateless `dyadwatch actors --jsonl` contract: one JSON record in, its mentions out."""
from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ..nlp import parse_article
from ..records import Article, content_id
from .dictionary import ActorDictionary
from .resolver import resolve_actors

__all__ = ["actors_record"]


def _published(value: Any) -> datetime | None:
    if not value:
        return None
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    text = str(value).strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            return datetime.fromisoformat(text[:10])
        except ValueError:
            return None


def actors_record(record: dict, *, dictionary: ActorDictionary | None = None) -> dict:
    """{"id", "text", "date"?} -> {"id", "mentions": [{"text", "start", "end", "code",
    "country", "role"}]}, offsets into `text`."""
    text = record.get("text") or ""
    article = Article(article_id=content_id(text), path=str(record.get("id", "")), body=text,
                      published=_published(record.get("date")))
    mentions = resolve_actors(parse_article(article), dictionary=dictionary)
    return {
        "id": record.get("id"),
        "mentions": [
            {"text": m.text, "start": m.char_start, "end": m.char_end, "code": m.code,
             "country": m.country, "role": m.role}
            for m in mentions
        ],
    }
