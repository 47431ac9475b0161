"""Looking at the start of a byte stream before choosing its reader, without losing what was read.

Standard input cannot seek back, so the bytes looked at are put in front of
the rest of the stream instead.
"""

from __future__ import annotations

import io
from typing import BinaryIO


def peek(stream: BinaryIO, size: int) -> tuple[bytes, BinaryIO]:
    """Up to ``size`` bytes from the start of ``stream``, and a stream that still begins with them."""
    head = stream.read(size)
    return head, _replay(head, stream)


def peek_line(stream: BinaryIO) -> tuple[bytes, BinaryIO]:
    """The first line of ``stream`` that is not blank, and a stream that still begins with every line read.

    The line is ``b""`` when the stream holds only blank lines.
    """
    read = []
    for line in iter(stream.readline, b""):
        read.append(line)
        if line.strip():
            return line, _replay(b"".join(read), stream)
    return b"", _replay(b"".join(read), stream)


class _Replay(io.RawIOBase):
    """Bytes already read from a stream, then the rest of that stream."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        super().__init__()
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self._head:
            size = min(len(buffer), len(self._head))
            buffer[:size] = self._head[:size]
            self._head = self._head[size:]
            return size
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _replay(head: bytes, rest: BinaryIO) -> BinaryIO:
    return io.BufferedReader(_Replay(head, rest))
