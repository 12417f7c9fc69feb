"""Outputs: listings in table/JSON/CSV, and the HTML briefing."""
from .listing import Format, write_rows

__all__ = ["Format", "write_rows"]
