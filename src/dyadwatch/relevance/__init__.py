"""The relevance stage: between the parse and the actors, whether an article tells political
interaction (states, IGOs, armed groups, parties, protest, diplomacy, policing, justice) and which
of its sentences do. The coder codes nothing in an article or sentence judged not political:
a game's "beat", a market's "attack", a gadget's "launch"."""
from .model import MODEL_PATH, OTHER, POLITICS, RelevanceModel, load_relevance_model, terms

__all__ = ["RelevanceModel", "load_relevance_model", "terms", "MODEL_PATH", "POLITICS", "OTHER"]
