"""Following outlets: sources (feeds and sitemaps), the polite fetcher, and passes
that turn new pages into the pipeline's input.

    sources     add / list / remove / import OPML; discover a URL's kind
    entries     what a feed or sitemap lists (feedparser, lxml)
    fetch       PoliteFetcher: user agent, robots.txt, per-host delay, timeouts,
                retries with backoff, conditional requests, redirects
    poll        one pass: plan (from the store), harvest (network; pages kept as
                JSONL), record (the `fetched` table)
    watch       a pass into the store through the pipeline; the schedule; the
                dashboard as a child process
"""
from .fetch import USER_AGENT, FetchOptions, Fetched, PoliteFetcher
from .poll import Failure, Harvest, harvest, page_id, pages_dir_for, plan_pass, record_pass
from .sources import (Source, SourceError, add_source, discover, import_opml, list_sources, load_sources,
                      read_opml, remove_source)
from .watch import DashboardProcess, PassOptions, PassSummary, parse_interval, run_pass, watch

__all__ = ["USER_AGENT", "FetchOptions", "Fetched", "PoliteFetcher", "Failure", "Harvest", "harvest", "page_id",
           "pages_dir_for", "plan_pass", "record_pass", "Source", "SourceError", "add_source", "discover",
           "import_opml", "list_sources", "load_sources", "read_opml", "remove_source", "DashboardProcess",
           "PassOptions", "PassSummary", "parse_interval", "run_pass", "watch"]
