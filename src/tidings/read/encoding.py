"""Text in encodings other than UTF-8 (Windows-1252, Latin-1, UTF-16 with a byte order mark...).

Such text is decoded with the encoding charset_normalizer finds, and a TID116 warning names
the file and the encoding, so that a wrong guess can be seen and the file converted.
"""

from __future__ import annotations

import codecs

import charset_normalizer

from ..errors import warn

# Short texts fit several single-byte encodings about equally well ("président" is French in
# Windows-1252 and "prĂ©sident" Croatian in Windows-1250); news on the web that is not UTF-8 is
# mostly Windows-1252, so among near ties it wins.
_LIKELY = ("cp1252", "latin_1", "iso8859_15")
_TIE = 0.1
# Encodings whose line breaks are not the byte b"\n": a reader that splits lines first cannot use them.
_WIDE = ("utf_16", "utf_32")


def decode(data: bytes, *, origin: str) -> str | None:
    """``data`` as text: UTF-8 when it is, else in the encoding found for it (said); None when none fits."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        warn(origin, "TID116", "decoded as UTF-16 from its byte order mark")
        return data.decode("utf-16")
    try:
        return data.removeprefix(codecs.BOM_UTF8).decode("utf-8")
    except UnicodeDecodeError:
        pass
    found = _detect(data)
    if found is None:
        return None
    warn(origin, "TID116", f"decoded as {found.encoding}")
    return str(found)


def _detect(data: bytes) -> charset_normalizer.CharsetMatch | None:
    """The encoding charset_normalizer finds for ``data``, Windows-1252 among near ties."""
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        return None
    near = [m for m in matches if m.chaos <= best.chaos and m.coherence >= best.coherence - _TIE]
    return next((m for name in _LIKELY for m in near if m.encoding == name), best)


class LineDecoder:
    """Lines of a file as text: UTF-8 when they are, and a line that is not in the encoding found for
    the first such line (said once per file), so that one Windows-1252 row does not cost its record."""

    def __init__(self, origin: str) -> None:
        self.origin = origin
        self.encoding: str | None = None  # "" when no other encoding fits

    def __call__(self, raw: bytes) -> str:
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            pass
        if self.encoding is None:
            found = _detect(raw)
            # A line split at b"\n" cannot be UTF-16 or UTF-32, whatever a guess says.
            self.encoding = found.encoding if found and not found.encoding.startswith(_WIDE) else ""
            if self.encoding:
                warn(self.origin, "TID116", f"lines that are not UTF-8 decoded as {self.encoding}")
        # What still does not decode becomes lone surrogates, reported for its own record.
        return raw.decode(self.encoding or "utf-8", errors="surrogateescape")
