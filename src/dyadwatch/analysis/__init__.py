"""Analyses over stored events: dyad series (more to come: stories, framing, contradictions)."""
from .dyads import DyadPoint, dyad_series, dyad_of

__all__ = ["DyadPoint", "dyad_series", "dyad_of"]
