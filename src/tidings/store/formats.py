"""The names the store's commands accept, importable without loading DuckDB."""

EXPORT_FORMATS = ("gdelt", "gdelt-mentions", "plover", "parquet", "csv")
FREQUENCIES = ("day", "week", "month", "year")
