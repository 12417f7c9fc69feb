"""Clean: boilerplate out, article text and metadata in.

HTML goes through trafilatura and then our line filter; plain text (scraped or
copy-pasted pages) through our own line-level cleaner. Every line dropped is kept
in `Article.removed`. Data tables (outlets, furniture patterns, stopwords) live in
data/ and users extend them with files of the same shape.
"""
from .article import NotAnArticle, clean_document, clean_documents, extract_record, find_repeated_lines
from .dates import dateline, find_date
from .html import flatten_html
from .language import detect_language
from .outlets import USER_OUTLETS_FILE, OutletRules, OutletTable, load_outlet_rules, load_outlet_table

__all__ = [
    "NotAnArticle", "clean_document", "clean_documents", "find_repeated_lines", "extract_record",
    "flatten_html", "detect_language", "find_date", "dateline", "OutletTable", "load_outlet_table",
    "OutletRules", "load_outlet_rules", "USER_OUTLETS_FILE",
]
