"""The names the store's commands accept, importable without loading DuckDB."""

EXPORT_FORMATS = ("gdelt", "plover", "parquet", "csv")
FREQUENCIES = ("day", "week", "month", "year")
