"""Rows out: a Rich table for people, JSON / JSON lines / CSV for programs.

A table fits the terminal: short columns keep their width, long ones (a sentence, a title, a
path) share what is left and show at most two lines, cut with an ellipsis; `wide` shows every
cell whole. Machine formats always carry every field of every row, unshortened.
"""
from __future__ import annotations

import csv
import json
import re
import textwrap
from typing import Any, Literal, Mapping, Sequence, TextIO

from rich import box
from rich.console import Console
from rich.table import Table

__all__ = ["Format", "write_rows", "action_label", "shares_text"]

Format = Literal["table", "json", "jsonl", "csv"]

SHORT = 24  # a column no wider than this is whole while it can be; a wider one is long text
MIN_LONG = 12  # the narrowest a long column is made
LONG_WANTED = 40  # room long text should have before optional columns are left out
NARROW = 8  # how far a short column gives way to long text
CELL_LINES = 2  # lines a long cell may take
GAP = 2  # spaces between two columns


def write_rows(rows: Sequence[dict[str, Any]], *, fmt: Format, out: TextIO, title: str | None = None,
               columns: Sequence[str] | None = None, optional: Sequence[str] = (), wide: bool = False,
               width: int | None = None) -> None:
    """Write rows in the chosen format. `columns` picks and orders what a table shows; of them,
    the `optional` ones are left out (last first) when the terminal (`width`, found by default)
    is too narrow for them and the long text. Machine formats always carry every field."""
    if fmt == "json":
        json.dump(list(rows), out, ensure_ascii=False, indent=2, default=str)
        out.write("\n")
    elif fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
    elif fmt == "csv":
        names = list(rows[0].keys()) if rows else list(columns or [])
        writer = csv.DictWriter(out, fieldnames=names, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _cell(v) for k, v in row.items()})
    else:
        names = list(columns or (rows[0].keys() if rows else []))
        _write_table(rows, names, optional=list(optional), out=out, title=title, wide=wide,
                     width=width or Console().width)


def _room(width: int, columns: int) -> int:
    return width - GAP * (columns - 1)


def _write_table(rows: Sequence[Mapping[str, Any]], names: list[str], *, optional: list[str], out: TextIO,
                 title: str | None, wide: bool, width: int) -> None:
    cells = {n: [_one_line(_cell(row.get(n))) for row in rows] for n in names}
    natural = {n: max([len(n), *(len(c) for c in cells[n])]) for n in names}
    if not wide:  # optional columns give way to long text first
        while optional and any(natural[n] > SHORT for n in names) and \
                _room(width, len(names)) - sum(w for w in natural.values() if w <= SHORT) < LONG_WANTED:
            gone = optional.pop()
            if gone in names:
                names.remove(gone)
                del natural[gone]
    widths = [natural[n] for n in names] if wide else _fit([natural[n] for n in names], _room(width, len(names)))
    table = Table(title=title, box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1),
                  collapse_padding=True, title_justify="left")
    for name, w in zip(names, widths):
        table.add_column(name, width=w, no_wrap=True, overflow="ellipsis")
    long = {i for i, n in enumerate(names) if natural[n] > SHORT and not wide}
    for r in range(len(rows)):  # a short column that must give way is cut by Rich, on its one line
        row = [cells[n][r] for n in names]
        table.add_row(*(_cut(c, w) if i in long and len(c) > w else c for i, (c, w) in enumerate(zip(row, widths))))
    total = sum(widths) + GAP * (len(names) - 1)
    Console(file=out, width=max(total, 1) if wide else width, no_color=True, highlight=False,
            soft_wrap=False).print(table)


def _fit(natural: list[int], room: int) -> list[int]:
    """Column widths that sum to at most `room`: short columns whole while they can be (the
    widest give way first, down to NARROW), long ones sharing the rest beyond MIN_LONG each by
    their length; when even that does not fit, the widest give way."""
    widths = list(natural)
    if sum(widths) <= room:
        return widths
    long = [i for i, w in enumerate(natural) if w > SHORT]
    short = [i for i in range(len(natural)) if i not in long]
    while long and room - sum(widths[i] for i in short) < MIN_LONG * len(long):
        widest = max(short, key=lambda i: widths[i], default=None)
        if widest is None or widths[widest] <= NARROW:
            break
        widths[widest] -= 1
    if long:
        left = max(room - sum(widths[i] for i in short), MIN_LONG * len(long))
        extra = left - MIN_LONG * len(long)
        beyond = sum(natural[i] - MIN_LONG for i in long) or 1
        for i in long:
            widths[i] = min(natural[i], MIN_LONG + extra * (natural[i] - MIN_LONG) // beyond)
    while sum(widths) > room and max(widths) > 3:
        widths[max(range(len(widths)), key=lambda i: widths[i])] -= 1
    return widths


def _cut(text: str, width: int) -> str:
    """At most CELL_LINES lines of `width`, broken at words; an ellipsis where text is left out."""
    lines = textwrap.wrap(text, width, break_long_words=True, break_on_hyphens=False)
    if len(lines) <= CELL_LINES:
        return "\n".join(lines)
    last = lines[CELL_LINES - 1]
    last = (last if len(last) < width else last[:width - 1].rstrip()) + "…"
    return "\n".join([*lines[:CELL_LINES - 1], last])


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


_TOLD = {"alleged": "alleged", "negated": "not", "future": "planned", "hypothetical": "may"}


def action_label(code: str | None, modality: str | None = None) -> str:
    """A code with its short name, and how it was told when it did not happen: "111 criticise",
    "070 not: provide aid", "036 planned: want to meet", "173 may: arrest"."""
    from ..analysis.headlines import code_label

    if not code:
        return ""
    told = _TOLD.get(modality or "")
    return f"{code} {told + ': ' if told else ''}{code_label(code)}".rstrip()


def shares_text(shares: Mapping[str, float] | None) -> str:
    """CAMEO codes or roots with their shares, largest first: "criticise 40%, meet 20%"."""
    from ..analysis.headlines import code_label

    ordered = sorted((shares or {}).items(), key=lambda kv: (-kv[1], kv[0]))
    return ", ".join(f"{code_label(code) or code} {share:.0%}" for code, share in ordered)
