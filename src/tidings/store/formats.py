"""The names the store's commands accept, importable without loading DuckDB."""

EXPORT_FORMATS = ("gdelt", "gdelt-mentions", "polecat", "parquet", "csv")
FREQUENCIES = ("day", "week", "month", "year")
