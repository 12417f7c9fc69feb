"""The store: a DuckDB file holding articles, sentences, mentions, events and quarantine."""
from .duck import DEFAULT_DB, Store, StoreBusy, open_store

__all__ = ["Store", "StoreBusy", "open_store", "DEFAULT_DB"]
