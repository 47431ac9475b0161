"""Coded, searchable messages for input tidings cannot use.

Every problem with a record is reported as ``<file>:<line>: TIDnnn <message>``
and the batch goes on. The codes are stable so that users can search for them
in the docs (docs/errors.md) and filter them in logs.
"""

from __future__ import annotations

import logging

from .model import Problem

# Warnings about input that is read all the same (the CLI prints them on stderr, as it prints problems).
log = logging.getLogger("tidings")

MESSAGES = {
    # reading
    "TID101": "the file is empty",
    "TID102": "binary data, not text",
    "TID103": "not valid UTF-8",
    "TID104": "the article is too long",
    "TID105": "not a JSON object",
    "TID106": "no text in the record",
    "TID107": "the file cannot be read",
    "TID108": "the feed is malformed",
    "TID109": "the WARC archive is truncated or malformed",
    "TID110": "a required column is missing",
    "TID111": "no such file or directory",
    "TID112": "the date cannot be read",
    "TID113": "the HTML page has no article text",
    "TID114": "the file type is not supported",
    "TID115": "the CSV row cannot be parsed",
    # reading, said once per file, with the records still read
    "TID116": "the text is not UTF-8",
    "TID117": "no publication date",
    # coding
    "TID201": "the article could not be coded",
    "TID202": "a word too long to parse was left out, the rest coded",
    "TID203": "a sentence too long to parse was cut, the rest coded",
    # storing
    "TID301": "the store is newer than this version of tidings",
    "TID302": "the store was written by an older tidings and is opened read-only",
    "TID303": "no such store",
    "TID304": "the store is in use by another process",
    "TID305": "the file is not a tidings store",
    "TID306": "only one SELECT statement can be run",
    "TID307": "the SQL query failed",
    "TID308": "the SQL query took too long",
    "TID309": "no such event in the store",
    "TID310": "the store was opened read-only",
}


def problem(origin: str, code: str, detail: str | None = None) -> Problem:
    """A Problem for ``origin`` with the standard message of ``code``, plus an optional detail."""
    message = MESSAGES[code]
    if detail:
        message = f"{message} ({detail})"
    return Problem(origin=origin, message=message, code=code)


def warn(origin: str, code: str, detail: str | None = None) -> None:
    """Say, as ``<origin>: TIDnnn <message>``, something about input that is read all the same."""
    log.warning("%s", problem(origin, code, detail))


class TidingsError(Exception):
    """An error a user can act on; the CLI prints it in one line without a traceback."""
