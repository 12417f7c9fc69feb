"""The store: a DuckDB file holding articles, sentences, mentions, events and quarantine."""
from .duck import Store, open_store, DEFAULT_DB

__all__ = ["Store", "open_store", "DEFAULT_DB"]
