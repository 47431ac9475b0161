"""The event store: a DuckDB file of articles, event mentions, folded events and actors.

``Store`` ingests news (deduplicated, coded in parallel, resumable), queries it
and exports it; docs/store.md describes the schema.
"""

__all__ = ["IngestReport", "Store", "Summary"]


def __getattr__(name: str):
    # Loaded on first use: DuckDB, pandas and datasketch cost a second that `tidings code` never needs.
    if name == "Store":
        from .store import Store

        return Store
    if name == "IngestReport":
        from .ingest import IngestReport

        return IngestReport
    if name == "Summary":
        from .queries import Summary

        return Summary
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
