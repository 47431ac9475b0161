"""The event store: a DuckDB file of articles, event mentions, folded events and actors.

``Store`` ingests news (deduplicated, coded in parallel, resumable), queries it
and exports it; docs/store.md describes the schema.
"""

from .ingest import IngestReport
from .queries import Summary
from .store import Store

__all__ = ["IngestReport", "Store", "Summary"]
