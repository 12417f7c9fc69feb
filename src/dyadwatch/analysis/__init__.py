"""Analyses over stored events: dyad series and trends, stories across outlets,
contradictions within stories, and framing by outlet."""
from .contradictions import Report, find_contradictions
from .dyads import DyadPoint, DyadTrend, dyad_of, dyad_series, dyad_trends, repeat_reports
from .framing import FramingRow, framing, framing_from_store
from .sources import safe_url, source_label
from .stories import StoryOptions, find_stories, update_stories

__all__ = ["DyadPoint", "DyadTrend", "dyad_series", "dyad_trends", "dyad_of", "repeat_reports",
           "Report", "find_contradictions", "StoryOptions", "find_stories", "update_stories",
           "source_label", "safe_url", "FramingRow", "framing", "framing_from_store"]
