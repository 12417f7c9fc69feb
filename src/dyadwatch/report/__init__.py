"""Outputs: listings in table/JSON/CSV, and the HTML briefing."""
from .listing import Format, write_rows

__all__ = ["Format", "write_rows", "HEADLINE_EVENTS", "HEADLINE_ARTICLES"]

# A dyad is headlined when its index rests on at least this many counted events (each
# happening once) told in at least this many articles; the rest are listed, not headlined.
# Here, not in .briefing, so the command line shows them without importing the briefing.
HEADLINE_EVENTS, HEADLINE_ARTICLES = 3, 2
