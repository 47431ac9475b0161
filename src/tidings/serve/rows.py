"""Rows ready to be sent as JSON, as the server's memory answers them."""

from __future__ import annotations

from typing import Any


class Rows(list):
    """Rows ready to be sent as JSON (dates as ISO text, NULL and NaN as None), as ``api.records`` makes
    them of the frame or rows a query answers; ``attrs`` as the frame's (a timeline's ``left_out``)."""

    def __init__(self, rows: Any = (), **attrs: Any) -> None:
        super().__init__(rows)
        self.attrs = attrs
