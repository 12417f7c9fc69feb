"""dyadwatch: evidence-linked political event data from raw news articles."""
__version__ = "0.1.0"
