"""Text from articles made safe to show: in a terminal, and in a spreadsheet; and tables that stay
readable in a terminal narrower than they are.

Article text, titles and names are written by whoever wrote the page that was crawled. An ANSI
or OSC escape sequence in them could recolour, retitle or rewrite the user's terminal, and a CSV
cell that starts with ``=``, ``+``, ``-`` or ``@`` is run as a formula by spreadsheets (CSV
injection). Tables show such characters as visible escapes; CSV cells that would start a formula
get a leading apostrophe, as OWASP recommends, unless the user asks for the raw text.
"""

from __future__ import annotations

import re
from typing import Any

from rich.console import Group
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

# CSI ("\x1b[31m"), OSC ("\x1b]0;title\x07"), and two-character escapes ("\x1bc").
ESCAPE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]")
# C0 and C1 control characters other than tab and line feed, and the bidirectional overrides that
# reorder what a line seems to say.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# Text a spreadsheet runs as a formula (OWASP, CSV injection); the same pattern serves Python and
# DuckDB's regexp_matches in the CSV export.
FORMULA = r"^[=+@\t\r-]"


def _visible(match: re.Match) -> str:
    return "".join(
        f"\\x{ord(char):02x}"
        if ord(char) < 0x20 or 0x7F <= ord(char) <= 0x9F
        else f"\\u{ord(char):04x}"
        if ord(char) > 0xFF
        else char
        for char in match.group()
    )


def printable(text: str) -> str:
    """The text with escape sequences and control characters shown as ``\\x1b[...``, not obeyed."""
    return CONTROL.sub(_visible, ESCAPE.sub(_visible, text))


def cell(value: object) -> Text:
    """A table cell: printable, and never read as rich markup ("[bold]" in a title stays text)."""
    return Text(printable("" if value is None else str(value)))


def spreadsheet_safe(value: object) -> object:
    """A CSV cell that cannot start a formula: text starting with = + - @ gets a leading apostrophe."""
    if isinstance(value, str) and re.match(FORMULA, value):
        return "'" + value
    return value


# A column squeezed narrower than this shows its values a few letters to a line.
READABLE_WIDTH = 12


def fits(columns: list[list[str]], width: int) -> bool:
    """Whether a table of ``columns`` (each its header then its cells, as shown) is readable in
    ``width`` characters: every column as wide as its longest value, or READABLE_WIDTH at least."""
    needed = sum(
        min(max((len(line) for value in column for line in value.splitlines()), default=0), READABLE_WIDTH)
        for column in columns
    )
    # Rich's table draws a border and a space either side of each column.
    return needed + 3 * len(columns) + 1 <= width


def records(names: list[str], rows: list[list[Text]], *, title: str | None = None) -> Group:
    """One block per row, a line per column (name, then value), as psql's expanded display: for
    results wider than the terminal."""
    blocks: list[Any] = [Text(title, style="italic")] if title else []
    for number, row in enumerate(rows, start=1):
        block = Table.grid(padding=(0, 2))
        block.add_column(style="bold", no_wrap=True)
        block.add_column(overflow="fold")
        for name, value in zip(names, row, strict=True):
            block.add_row(name, value)
        blocks += [Rule(f"record {number}", align="left"), block]
    if not rows:
        blocks.append(Text("no rows"))
    return Group(*blocks)
