"""Undoing a transaction that an interrupt has already ended (Ctrl-C during `watch`)."""
from __future__ import annotations

import duckdb
import pytest

from dyadwatch.store.transactions import roll_back


def test_a_rollback_undoes_the_open_transaction_and_is_quiet_when_none_is_open(tmp_path):
    con = duckdb.connect(str(tmp_path / "t.duckdb"))
    con.execute("CREATE TABLE t (x INTEGER)")
    con.begin()
    con.execute("INSERT INTO t VALUES (1)")
    roll_back(con)
    assert con.execute("SELECT count(*) FROM t").fetchone() == (0,)
    with pytest.raises(duckdb.TransactionException):
        con.rollback()  # what the store did, and what hid the interrupt behind a second error
    roll_back(con)  # no transaction left: nothing to undo, nothing raised
    con.close()
