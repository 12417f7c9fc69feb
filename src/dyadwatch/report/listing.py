"""Rows out: a Rich table for people, JSON / JSON lines / CSV for programs."""
from __future__ import annotations

import csv
import json
from typing import Any, Literal, Sequence, TextIO

from rich.console import Console
from rich.table import Table

__all__ = ["Format", "write_rows"]

Format = Literal["table", "json", "jsonl", "csv"]


def write_rows(rows: Sequence[dict[str, Any]], *, fmt: Format, out: TextIO, title: str | None = None,
               columns: Sequence[str] | None = None, width: int = 60) -> None:
    """Write rows in the chosen format. `columns` picks and orders what a table shows;
    machine formats always carry every field."""
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
        table = Table(title=title, show_lines=False)
        for name in names:
            table.add_column(name, overflow="fold", max_width=width)
        for row in rows:
            table.add_row(*(_cell(row.get(n)) for n in names))
        Console(file=out, width=max(120, Console().width)).print(table)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)
