"""Reading news articles from files, folders, glob patterns and standard input.

Every input format becomes one stream of Articles, with a Problem in place of
each record that cannot be read (docs/input-formats.md).
"""

from .records import Fields
from .sources import count_records, read_articles

__all__ = ["Fields", "count_records", "read_articles"]
