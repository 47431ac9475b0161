"""tidings: news articles in, evidence-linked political event data out.

import tidings
events = tidings.code(text, date="2023-06-19")
coder = tidings.Coder()
df = coder.code_many(records).to_dataframe()
"""

from .coder import Coder, code
from .model import Actor, Article, Event, Events, Place, Problem, Trigger

__all__ = ["Actor", "Article", "Coder", "Event", "Events", "Place", "Problem", "Store", "Trigger", "code"]
__version__ = "0.1.0"


def __getattr__(name: str):
    # The store needs DuckDB and pandas; coding does not, so they load only when asked for.
    if name == "Store":
        from .store.store import Store

        return Store
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
