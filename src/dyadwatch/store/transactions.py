"""Undoing a transaction that may already be undone."""
from __future__ import annotations

from typing import Any

import duckdb

__all__ = ["roll_back"]


def roll_back(con: Any) -> None:
    """Roll the open transaction back, unless DuckDB already has: an interrupt (Ctrl-C) in the
    middle of a statement ends the transaction itself, and a second rollback would raise over
    the interrupt ("cannot rollback - no transaction is active")."""
    try:
        con.rollback()
    except duckdb.TransactionException as exc:
        if "no transaction is active" not in str(exc):
            raise
