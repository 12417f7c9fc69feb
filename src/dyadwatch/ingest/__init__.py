"""Ingest: read files, folders and JSONL dumps into RawDocuments.

Decoding is detected from the bytes, never assumed. Whatever cannot be read
becomes a Quarantined record with a human reason; no exception escapes for bad input.
"""
from .decoding import DecodeError, decode_bytes
from .readers import MAX_DOCUMENT_BYTES, iter_files, read_file, read_inputs, read_jsonl_text, record_to_document

__all__ = ["MAX_DOCUMENT_BYTES", "read_inputs", "iter_files", "read_file", "read_jsonl_text", "record_to_document", "decode_bytes", "DecodeError"]
