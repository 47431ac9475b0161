"""Looking at the start of a byte stream before choosing its reader, without losing what was read.

Standard input cannot seek back, so the bytes looked at are put in front of
the rest of the stream instead.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import BinaryIO

# How much of an over-long line is read at a time while passing over it.
_SKIP = 1 << 20
# A gzip file may expand this many times over past its first BOMB_FLOOR bytes: news text compresses
# about 3-10 times, while a decompression bomb (zeros, one repeated line) expands a thousandfold.
BOMB_RATIO = 100
BOMB_FLOOR = 64 << 20


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


def read_at_most(stream: BinaryIO, limit: int) -> bytes | None:
    """All of ``stream`` when it holds at most ``limit`` bytes, else None (having read ``limit + 1``)."""
    data = stream.read(limit + 1)
    return data if len(data) <= limit else None


def bounded_lines(stream: BinaryIO, limit: int) -> Iterator[bytes | None]:
    """The lines of ``stream``, with None for each line longer than ``limit`` bytes.

    A line over the limit is passed over in pieces, so that a file without line breaks (or a
    decompression bomb) never has to fit in memory.
    """
    while line := stream.readline(limit + 1):
        if len(line) <= limit:
            yield line
            continue
        while not line.endswith(b"\n") and (line := stream.readline(_SKIP)):
            pass
        yield None


class DecompressionBomb(OSError):
    """A gzip file that expands far more than text does."""


def gunzip(path: str) -> BinaryIO:
    """The decompressed contents of the gzip file at ``path``; DecompressionBomb past BOMB_RATIO."""
    import gzip

    raw = open(path, "rb")  # noqa: SIM115 - closed with the stream that wraps it
    return io.BufferedReader(_Guarded(gzip.GzipFile(fileobj=raw, mode="rb"), raw))


class _Guarded(io.RawIOBase):
    def __init__(self, stream: BinaryIO, raw: BinaryIO) -> None:
        super().__init__()
        self._stream = stream
        self._raw = raw
        self._out = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self._stream.read(len(buffer))
        self._out += len(data)
        if self._out > BOMB_FLOOR and self._out > BOMB_RATIO * max(self._raw.tell(), 1):
            raise DecompressionBomb(
                f"the gzip data expands more than {BOMB_RATIO} times (a decompression bomb?); "
                f"the rest is not read after {self._out:,} bytes"
            )
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._stream.close()
        self._raw.close()
        super().close()
