"""Analyses over stored events: dyad series and trends, stories across outlets,
contradictions within stories, and framing by outlet. `update_analyses` keeps what is
stored of them in step with the articles."""
from .contradictions import Report, find_contradictions
from .dyads import DyadPoint, DyadTrend, dyad_of, dyad_series, dyad_trends
from .framing import FramingRow, framing
from .sources import safe_url, source_label
from .stories import StoryOptions, find_stories
from .update import AnalysisUpdate, update_analyses

__all__ = ["DyadPoint", "DyadTrend", "dyad_series", "dyad_trends", "dyad_of", "Report", "find_contradictions",
           "StoryOptions", "find_stories", "source_label", "safe_url", "FramingRow", "framing",
           "AnalysisUpdate", "update_analyses"]
