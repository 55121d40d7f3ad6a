"""Bytes in, text out: size limits, binary detection and character-set detection.

Each function returns its result or a reason string (a short human sentence) that the caller
turns into an :class:`~lagebild.errors.InputError` with the source's name.
"""

from __future__ import annotations

import codecs
import os
import re
from pathlib import Path

#: how much of a file is looked at for NUL bytes
SNIFF_BYTES = 8192

#: the share of control characters (other than tab, newline, carriage return, form feed) above
#: which decoded text is taken for binary data
MAX_CONTROL_SHARE = 0.01

#: single-byte Western encodings preferred when the detector cannot tell the language
_WESTERN = ["cp1252", "latin_1", "iso8859_15"]

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")

UNDECODABLE = "not valid UTF-8 and no charset could be detected"


def human_size(n: int) -> str:
    """12_300_000 → '12.3 MB'; 4_500 → '4.5 kB'; 12 → '12 bytes'."""
    if n >= 1_000_000:
        return f"{n / 1_000_000:.1f} MB"
    if n >= 1_000:
        return f"{n / 1_000:.1f} kB"
    return f"{n} bytes"


def over_limit(size: int, max_bytes: int, what: str = "file") -> str:
    return f"{what} is {human_size(size)}, over the limit of {human_size(max_bytes)} (--max-bytes)"


def read_file(path: Path, max_bytes: int) -> bytes | str:
    """The file's bytes, or the reason they cannot be had (size checked before reading)."""
    try:
        size = os.stat(path).st_size
        if size > max_bytes:
            return over_limit(size, max_bytes)
        with open(path, "rb") as fh:
            data = fh.read(size + 1)  # not read(max_bytes + 1): read(n) reserves n bytes first
            if len(data) > size:  # it grew since: the rest in chunks, up to the limit
                parts = [data]
                while (got := sum(map(len, parts))) <= max_bytes:
                    part = fh.read(min(max_bytes + 1 - got, 1 << 20))
                    if not part:
                        break
                    parts.append(part)
                data = b"".join(parts)
    except OSError as exc:
        return os_reason(exc)
    if len(data) > max_bytes:  # grew while we looked
        return over_limit(len(data), max_bytes)
    return data


def os_reason(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "no such file or directory"
    if isinstance(exc, PermissionError):
        return "cannot read: permission denied"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    return f"cannot read: {exc.strerror or exc}"


def bom_encoding(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def check_content(data: bytes) -> str | None:
    """The reason raw bytes are not usable as text (empty, binary), or None."""
    if not data:
        return "empty file"
    if bom_encoding(data) in ("utf-16", "utf-32"):
        return None  # NUL bytes are expected there
    if b"\x00" in data[:SNIFF_BYTES]:
        return "binary file (NUL bytes)"
    return None


def decode(data: bytes, declared: str | None = None) -> str:
    """Decode bytes: a BOM, else strict UTF-8, else ``declared`` (a charset named by the file
    itself, e.g. HTML's <meta charset>), else detection.  Raises :class:`UndecodableError`."""
    encoding = bom_encoding(data)
    if encoding is not None:
        try:
            return _plausible(data.decode(encoding))
        except UnicodeDecodeError:
            raise UndecodableError(f"invalid {encoding.upper().replace('-SIG', '')} after its byte order mark")
    try:
        return _plausible(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            return _plausible(data.decode(declared))
        except (LookupError, UnicodeDecodeError):
            pass
    return _plausible(_detect(data))


class UndecodableError(ValueError):
    """The bytes are not text in any encoding we can tell; the message is the reason."""


def _detect(data: bytes) -> str:
    from charset_normalizer import from_bytes  # lazy: only for bytes not in UTF-8, a BOM or a declared charset

    best = from_bytes(data).best()
    if best is not None and best.coherence >= 0.1:
        return str(best)  # the detector recognised a language in it
    western = from_bytes(data, cp_isolation=_WESTERN).best()
    if western is not None and western.chaos < 0.1:
        return str(western)
    if best is not None:
        return str(best)
    raise UndecodableError(UNDECODABLE)


def _plausible(text: str) -> str:
    if text and len(_CONTROL.findall(text)) > MAX_CONTROL_SHARE * len(text) + 1:
        raise UndecodableError("binary file (control characters)")
    return text
