"""Ingestion: reports read, parsed and saved (jobs.py), one way for every job.

preparing.py reads and parses a document within the limits; saving.py saves a batch of
prepared documents, together or, should that fail, each on its own."""

from app.ingest.jobs import IngestSummary, ingest_paths, ingest_source, iter_report_files, reparse_all
from app.ingest.preparing import Limits
from app.ingest.saving import FileResult, utc_now

__all__ = ["FileResult", "IngestSummary", "Limits", "ingest_paths", "ingest_source", "iter_report_files",
           "reparse_all", "utc_now"]
